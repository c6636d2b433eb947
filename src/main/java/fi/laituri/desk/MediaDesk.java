package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.language.Languages;
import fi.laituri.media.Media;
import fi.laituri.media.MediaApi;
import fi.laituri.media.MediaStore;
import fi.laituri.media.MediaText;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The media library: upload a file (checked by its bytes, as through the API), then give it a title and alt text in
 * each language; each file shows the {@code media:} reference to put in a body.
 */
@Hidden
@Controller("/desk/media")
@ExecuteOn(TaskExecutors.BLOCKING)
class MediaDesk {

    private final Media media;
    private final MediaStore store;
    private final Languages languages;
    private final Desk desk;

    MediaDesk(Media media, MediaStore store, Languages languages, Desk desk) {
        this.media = media;
        this.store = store;
        this.languages = languages;
        this.desk = desk;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> library(Authentication user) {
        return libraryPage(user, HttpStatus.OK, "");
    }

    /** The CSRF field comes before the file in the form, so it is checked before any byte of the file is read. */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.CREATE_DOCUMENT)
    MutableHttpResponse<String> upload(@Nullable @Part("csrf") String csrf, @Nullable StreamingFileUpload file,
                                       Authentication user) {
        desk.checkToken(user, csrf);
        if (file == null || file.getFilename() == null || file.getFilename().isBlank()) {
            if (file != null) {
                file.discard();
            }
            return libraryPage(user, HttpStatus.BAD_REQUEST, desk.words(user).get("media.chooseFile"));
        }
        try (InputStream in = file.asInputStream()) {
            Media.Uploaded upload = media.upload(file.getFilename(), in, Actor.of(user));
            // The same bytes again are not a second file: the editor is shown the one the library has.
            return Desk.seeOther("/desk/media/" + upload.view().id() + (upload.created() ? "?uploaded=1" : "?uploaded=0"));
        } catch (DomainException e) {
            return libraryPage(user, Desk.status(e), e.getMessage());
        } catch (IOException e) {
            return libraryPage(user, HttpStatus.BAD_REQUEST, "the upload was cut off before its end");
        }
    }

    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    @Allowed(Permission.READ)
    MutableHttpResponse<String> file(@PathVariable String id, @Nullable @QueryValue String uploaded, Authentication user) {
        MediaApi.MediaView view = media.get(id);
        return filePage(user, HttpStatus.OK, view, inputOf(view), uploaded == null ? "" : desk.words(user).get("1".equals(uploaded) ? "media.uploaded" : "media.alreadyThere"), "");
    }

    @Post(uri = "/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.CREATE_DOCUMENT)
    MutableHttpResponse<String> texts(@PathVariable String id, @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Map<String, MediaText> texts = new LinkedHashMap<>();
        languages.all().forEach(l -> texts.put(l.code(), new MediaText(form.optional("title_" + l.code()),
                form.optional("alt_" + l.code()))));
        try {
            long version = Long.parseLong(form.get("version").strip());
            MediaApi.MediaView view = media.updateTexts(id, version, desk.valid(new MediaApi.TextsInput(
                    !form.get("decorative").isEmpty(), texts)), Actor.of(user));
            return filePage(user, HttpStatus.OK, view, inputOf(view), desk.words(user).get("flash.saved"), "");
        } catch (NumberFormatException e) {
            throw DomainException.invalid("version", "the form's version is not a number");
        } catch (DomainException e) {
            MediaApi.MediaView view = media.get(id);
            return filePage(user, Desk.status(e), view, form.values("version"), "", e.getMessage());
        }
    }

    /** The file itself, for the desk's previews and the library's thumbnails. */
    @Get(uri = "/{id}/file", produces = MediaType.ALL)
    @Allowed(Permission.READ)
    HttpResponse<StreamedFile> bytes(@PathVariable String id) {
        MediaApi.MediaView view = media.get(id);
        try {
            InputStream in = store.open(view.sha256());
            return HttpResponse.ok(new StreamedFile(in, MediaType.of(view.mediaType()), view.uploadedAt().toEpochMilli(), view.size()))
                    .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MutableHttpResponse<String> libraryPage(Authentication user, HttpStatus status, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("files", media.list());
        model.put("error", error == null ? "" : error);
        return desk.page(user, status, "media", model);
    }

    private MutableHttpResponse<String> filePage(Authentication user, HttpStatus status, MediaApi.MediaView view,
                                                 Map<String, String> input, String flash, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("file", view);
        model.put("isImage", view.mediaType().startsWith("image/"));
        model.put("input", input);
        model.put("languages", languages.all());
        model.put("flash", flash);
        model.put("error", error);
        return desk.page(user, status, "media-file", model);
    }

    private static Map<String, String> inputOf(MediaApi.MediaView view) {
        Map<String, String> input = new HashMap<>();
        view.texts().forEach((lang, text) -> {
            input.put("title_" + lang, text.title() == null ? "" : text.title());
            input.put("alt_" + lang, text.alt() == null ? "" : text.alt());
        });
        input.put("decorative", view.decorative() ? "on" : "");
        input.put("version", Long.toString(view.version()));
        return input;
    }
}
