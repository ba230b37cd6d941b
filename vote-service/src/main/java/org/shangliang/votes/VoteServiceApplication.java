package org.shangliang.votes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 业主表决服务: owners' rolls and ballots counted by the Civil Code's double majority. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VoteServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VoteServiceApplication.class, args);
    }
}
