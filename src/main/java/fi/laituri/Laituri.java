package fi.laituri;

import fi.laituri.cli.LaituriCommand;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import picocli.CommandLine;

@OpenAPIDefinition(
        info = @Info(title = "Laituri editorial API", version = "1",
                description = "Documents, language versions, revisions and authors of a multilingual site."))
// The editorial API's controllers require the token each; the public API, search and previews need none.
@SecurityScheme(name = "token", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class Laituri {

    private Laituri() {
    }

    public static void main(String[] args) {
        System.exit(LaituriCommand.commandLine(CommandLine.defaultFactory()).execute(args));
    }
}
