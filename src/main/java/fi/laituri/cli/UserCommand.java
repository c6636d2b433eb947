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
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Token.class})
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

    private static String detail(DomainException e) {
        var errors = e.errors();
        return errors.isEmpty() ? "" : ": " + errors.get(0).field() + " " + errors.get(0).message();
    }
}
