package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.content.Api;
import fi.laituri.content.Authors;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.Map;

/**
 * The authors that bylines name: listed for everyone, created, changed and removed by those who manage authors,
 * through the same service as the API's {@code /api/v1/authors}. A change names the version it was made from.
 */
@Hidden
@Controller("/desk/authors")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthorsDesk {

    private static final String[] FIELDS = {"id", "name", "title", "organisation"};

    private final Authors authors;
    private final Desk desk;

    AuthorsDesk(Authors authors, Desk desk) {
        this.authors = authors;
        this.desk = desk;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> list(@Nullable @QueryValue String done, Authentication user) {
        String flash = done == null ? "" : desk.words(user).getOrDefault("authors.done." + done, "");
        return listPage(user, HttpStatus.OK, blankInput(), flash, "");
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_AUTHORS)
    MutableHttpResponse<String> create(@Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        try {
            Api.AuthorView created = authors.createAuthor(desk.valid(input(form, form.optional("id"))), Actor.of(user));
            return Desk.seeOther("/desk/authors/" + created.id() + "?done=created");
        } catch (DomainException e) {
            return listPage(user, Desk.status(e), form.values(FIELDS), "", e.getMessage());
        }
    }

    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> author(@PathVariable String id, @Nullable @QueryValue String done, Authentication user) {
        Api.AuthorView author = authors.getAuthor(id);
        String flash = done == null ? "" : desk.words(user).getOrDefault("authors.done." + done, "");
        return authorPage(user, HttpStatus.OK, author, inputOf(author), flash, "");
    }

    @Post(uri = "/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_AUTHORS)
    MutableHttpResponse<String> update(@PathVariable String id, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Api.AuthorView author = authors.getAuthor(id);
        try {
            authors.updateAuthor(id, version(form), desk.valid(input(form, null)), Actor.of(user));
            return Desk.seeOther("/desk/authors/" + id + "?done=saved");
        } catch (DomainException e) {
            Map<String, String> input = form.values("name", "title", "organisation", "version");
            if (e.kind() == DomainException.Kind.STALE_VERSION) {
                // Someone else changed the author first: the form keeps this text, and saving again is a decision.
                input.put("version", Long.toString(authors.getAuthor(id).version()));
            }
            return authorPage(user, Desk.status(e), author, input, "", e.getMessage());
        }
    }

    @Post(uri = "/{id}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.MANAGE_AUTHORS)
    MutableHttpResponse<String> delete(@PathVariable String id, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Api.AuthorView author = authors.getAuthor(id);
        try {
            authors.deleteAuthor(id, version(form), Actor.of(user));
            return Desk.seeOther("/desk/authors?done=deleted");
        } catch (DomainException e) {
            String error = "author-in-use".equals(e.type()) ? desk.words(user).get("authors.inUse") : e.getMessage();
            return authorPage(user, Desk.status(e), author, inputOf(author), "", error);
        }
    }

    private static Api.AuthorInput input(DeskForm form, @Nullable String id) {
        return new Api.AuthorInput(id, form.get("name").strip(), form.optional("title"), form.optional("organisation"));
    }

    private static long version(DeskForm form) {
        try {
            return Long.parseLong(form.get("version").strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("version", "the form's version is not a number");
        }
    }

    private MutableHttpResponse<String> listPage(Authentication user, HttpStatus status, Map<String, String> input,
                                                 String flash, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("authors", authors.listAuthors());
        model.put("input", input);
        model.put("flash", flash);
        model.put("error", error);
        return desk.page(user, status, "authors", model);
    }

    private MutableHttpResponse<String> authorPage(Authentication user, HttpStatus status, Api.AuthorView author,
                                                   Map<String, String> input, String flash, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("author", author);
        model.put("input", input);
        model.put("flash", flash);
        model.put("error", error);
        model.put("section", "authors");
        return desk.page(user, status, "author", model);
    }

    private static Map<String, String> blankInput() {
        Map<String, String> input = new HashMap<>();
        for (String field : FIELDS) {
            input.put(field, "");
        }
        return input;
    }

    private static Map<String, String> inputOf(Api.AuthorView author) {
        Map<String, String> input = new HashMap<>();
        input.put("name", author.name());
        input.put("title", author.title() == null ? "" : author.title());
        input.put("organisation", author.organisation() == null ? "" : author.organisation());
        input.put("version", Long.toString(author.version()));
        return input;
    }
}
