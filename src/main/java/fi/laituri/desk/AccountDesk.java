package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.language.Languages;
import fi.laituri.security.Allowed;
import fi.laituri.security.Passwords;
import fi.laituri.security.Permission;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One's own account (the password, signing out everywhere), and the admin's users: roles, languages, passwords. */
@Hidden
@Controller("/desk")
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountDesk {

    private final Passwords passwords;
    private final Users users;
    private final Languages languages;
    private final Desk desk;

    AccountDesk(Passwords passwords, Users users, Languages languages, Desk desk) {
        this.passwords = passwords;
        this.users = users;
        this.languages = languages;
        this.desk = desk;
    }

    @Get(uri = "/account", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> account(Authentication user) {
        return desk.page(user, "account", Map.of());
    }

    @Post(uri = "/account/password", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> changePassword(@Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            if (!form.get("password").equals(form.get("repeat"))) {
                throw DomainException.invalid("repeat", "the two new passwords differ");
            }
            passwords.change(user.getName(), form.get("current"), form.get("password"));
            return desk.page(user, "account", Map.of("flash", desk.words(user).get("account.changed")));
        } catch (DomainException e) {
            return desk.page(user, Desk.status(e), "account", Map.of("error", e.getMessage()));
        }
    }

    @Get(uri = "/users", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_USERS)
    MutableHttpResponse<String> list(Authentication user) {
        return usersPage(user, HttpStatus.OK, Map.of("name", "", "role", "editor", "password", ""), "", "");
    }

    @Post(uri = "/users", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_USERS)
    MutableHttpResponse<String> create(@Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            Role role = role(form.get("role"));
            String name = form.get("name").strip();
            // The password is checked first, so that a weak one leaves no user behind.
            Passwords.checkStrength(form.get("password"));
            Users.IssuedToken issued = users.add(name, role, languages(form), user.getName());
            passwords.set(name, form.get("password"), user.getName());
            Map<String, Object> extra = Map.of("token", issued.token(), "tokenUser", name);
            return usersPage(user, HttpStatus.OK, Map.of("name", "", "role", "editor", "password", ""),
                    desk.words(user).get("users.created") + " " + name, "", extra);
        } catch (DomainException e) {
            Map<String, String> input = form.values("name");
            input.put("password", "");
            input.putIfAbsent("role", "editor");
            return usersPage(user, Desk.status(e), input, "", e.getMessage());
        }
    }

    @Post(uri = "/users/{name}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_USERS)
    MutableHttpResponse<String> change(@PathVariable String name, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            Users.Account account = users.find(name).orElseThrow(() -> DomainException.notFound("no user named " + name));
            String flash;
            if (form.get("do").equals("password")) {
                passwords.set(account.name(), form.get("password"), user.getName());
                flash = desk.words(user).get("users.passwordSet") + " " + name;
            } else {
                long version = Long.parseLong(form.get("version").strip());
                users.change(account.name(), version, role(form.get("role")), languages(form), user.getName());
                flash = desk.words(user).get("flash.saved");
            }
            return usersPage(user, HttpStatus.OK, Map.of("name", "", "role", "editor", "password", ""), flash, "");
        } catch (NumberFormatException e) {
            throw DomainException.invalid("version", "the form's version is not a number");
        } catch (DomainException e) {
            return usersPage(user, Desk.status(e), Map.of("name", "", "role", "editor", "password", ""), "",
                    name + ": " + e.getMessage());
        }
    }

    private MutableHttpResponse<String> usersPage(Authentication user, HttpStatus status, Map<String, String> input,
                                                  String flash, String error) {
        return usersPage(user, status, input, flash, error, Map.of("token", "", "tokenUser", ""));
    }

    private MutableHttpResponse<String> usersPage(Authentication user, HttpStatus status, Map<String, String> input,
                                                  String flash, String error, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("users", users.list());
        model.put("roles", Arrays.stream(Role.values()).map(Role::code).toList());
        model.put("languages", languages.all());
        model.put("input", input);
        model.put("flash", flash);
        model.put("error", error);
        return desk.page(user, status, "users", model);
    }

    private List<String> languages(DeskForm form) {
        return form.all("languages").stream().filter(languages::isConfigured).distinct().sorted().toList();
    }

    private static Role role(String code) {
        return Role.parse(code).orElseThrow(() -> DomainException.invalid("role", "unknown role " + code));
    }
}
