package org.shangliang.topics.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shangliang.platform.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Dashboard")
class DashboardController {

    private final DashboardFigures figures;

    DashboardController(DashboardFigures figures) {
        this.figures = figures;
    }

    @GetMapping("/api/dashboard")
    @PreAuthorize("hasAnyRole('COMMITTEE', 'STAFF')")
    @Operation(summary = "Figures of the caller's community (every community for street-level staff)")
    DashboardFigures.Dashboard dashboard(CurrentUser user) {
        return figures.of(user);
    }
}
