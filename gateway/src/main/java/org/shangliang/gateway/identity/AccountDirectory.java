package org.shangliang.gateway.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The accounts of the built-in issuer, read once from the CSV file (every bad line is reported). */
public final class AccountDirectory {

    static final List<String> HEADER = List.of("username", "password", "name", "roles", "community", "home");
    private static final Set<String> ROLES = Set.of("RESIDENT", "COMMITTEE", "STAFF");
    private static final Pattern ENCODED = Pattern.compile("\\{[a-z0-9]+}.+");

    private final Map<String, Account> byUsername;

    private AccountDirectory(Map<String, Account> byUsername) {
        this.byUsername = byUsername;
    }

    public static AccountDirectory load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the accounts file " + file, e);
        }
    }

    static AccountDirectory parse(Reader reader, String source) throws IOException {
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        var parser = format.parse(reader);
        if (!parser.getHeaderNames().equals(HEADER)) {
            throw new IllegalArgumentException(source + ": the header must be " + String.join(",", HEADER)
                    + " but is " + String.join(",", parser.getHeaderNames()));
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (CSVRecord row : parser) {
            String where = source + " line " + parser.getCurrentLineNumber();
            if (!row.isConsistent()) {
                problems.add(where + ": expected " + HEADER.size() + " columns");
                continue;
            }
            String username = row.get("username");
            List<String> roles = Arrays.stream(row.get("roles").split("\\|")).map(String::trim)
                    .filter(r -> !r.isEmpty()).toList();
            if (username.isEmpty() || username.length() > 64) {
                problems.add(where + ": username must be 1 to 64 characters");
            } else if (accounts.containsKey(username)) {
                problems.add(where + ": username " + username + " appears twice");
            }
            if (!ENCODED.matcher(row.get("password")).matches()) {
                problems.add(where + ": password must be in {id}encoded form, e.g. {bcrypt}$2a$10$... or {noop}secret");
            }
            if (roles.isEmpty() || !ROLES.containsAll(roles)) {
                problems.add(where + ": roles must be RESIDENT, COMMITTEE and/or STAFF separated by |");
            }
            if (row.get("community").isEmpty()) {
                problems.add(where + ": community is required (\"*\" for street-level staff)");
            }
            accounts.put(username, new Account(username, row.get("password"),
                    row.get("name").isEmpty() ? username : row.get("name"), roles, row.get("community"),
                    row.get("home").isEmpty() ? null : row.get("home")));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The accounts file has errors:\n  " + String.join("\n  ", problems));
        }
        return new AccountDirectory(Map.copyOf(accounts));
    }

    public Optional<Account> find(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    public int size() {
        return byUsername.size();
    }
}
