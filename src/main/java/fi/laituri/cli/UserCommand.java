package fi.laituri.cli;

import fi.laituri.language.Languages;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import fi.laituri.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.stream.Collectors;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users and their API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Token.class,
                UserCommand.Password.class})
class UserCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a user and print its API token (shown only this once).")
    static class Add extends AppCommand {
        @Option(names = "--name", required = true, description = "user name")
        String name;

        @Option(names = "--role", required = true, description = "admin, editor, translator or publisher")
        String role;

        @Option(names = "--languages", split = ",", description = "languages a translator works in, e.g. sv,selko")
        java.util.List<String> languages = java.util.List.of();

        @Override
        int run(Application app) {
            try (app) {
                Role r = Role.parse(role).orElse(null);
                if (r == null) {
                    System.err.println("laituri: unknown role " + role + "; one of "
                            + Arrays.stream(Role.values()).map(Role::code).collect(Collectors.joining(", ")));
                    return 2;
                }
                var unknown = languages.stream().filter(l -> !app.bean(Languages.class).isConfigured(l)).toList();
                if (!unknown.isEmpty()) {
                    System.err.println("laituri: unknown language " + String.join(", ", unknown));
                    return 2;
                }
                Users.IssuedToken issued = app.bean(Users.class).add(name, r, languages);
                System.out.println("Created " + r.code() + " " + name + ". API token (shown only now):");
                System.out.println(issued.token());
                return 0;
            } catch (DomainException e) {
                System.err.println("laituri: " + e.getMessage() + detail(e));
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their roles.")
    static class ListUsers extends AppCommand {
        @Override
        int run(Application app) {
            try (app) {
                app.bean(Users.class).list().forEach(a -> System.out.println(
                        a.name() + "\t" + a.role().code() + "\t" + String.join(",", a.languages())));
                return 0;
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue a further API token for a user (earlier ones stay valid).")
    static class Token extends AppCommand {
        @Option(names = "--name", required = true, description = "user name")
        String name;

        @Override
        int run(Application app) {
            try (app) {
                System.out.println(app.bean(Users.class).newToken(name).token());
                return 0;
            } catch (DomainException e) {
                System.err.println("laituri: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = {"Set a user's password for the desk (/desk/).",
                    "Asks for it twice on a terminal, else reads one line from standard input; --generate makes one and prints it."})
    static class Password extends AppCommand {
        @Option(names = "--name", required = true, description = "user name")
        String name;

        @Option(names = "--generate", description = "make a random password and print it (shown only this once)")
        boolean generate;

        @Override
        int run(Application app) {
            try (app) {
                String password;
                if (generate) {
                    password = fi.laituri.security.Passwords.generate();
                } else if (System.console() != null) {
                    char[] first = System.console().readPassword("New password for %s: ", name);
                    char[] again = System.console().readPassword("Again: ");
                    if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                        System.err.println("laituri: the two passwords differ; nothing changed");
                        return 1;
                    }
                    password = new String(first);
                } else {
                    String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                            java.nio.charset.StandardCharsets.UTF_8)).readLine();
                    password = line == null ? "" : line;
                }
                app.bean(fi.laituri.security.Passwords.class).set(name, password, Users.SYSTEM);
                System.out.println(generate ? "Password of " + name + " (shown only now): " + password
                        : "Password of " + name + " set.");
                return 0;
            } catch (DomainException e) {
                System.err.println("laituri: " + e.getMessage());
                return 1;
            } catch (java.io.IOException e) {
                System.err.println("laituri: cannot read the password: " + e.getMessage());
                return 1;
            }
        }
    }

    private static String detail(DomainException e) {
        var errors = e.errors();
        return errors.isEmpty() ? "" : ": " + errors.get(0).field() + " " + errors.get(0).message();
    }
}
