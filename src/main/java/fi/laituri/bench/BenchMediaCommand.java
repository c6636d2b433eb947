package fi.laituri.bench;

import fi.laituri.FileTrees;
import fi.laituri.cli.Application;
import fi.laituri.media.Media;
import fi.laituri.media.MediaApi;
import fi.laituri.media.MediaText;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import fi.laituri.web.ETags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "media", mixinStandardHelpOptions = true,
        description = {"Media benchmark, in a database and media folder of its own (embedded: LAITURI_DATA_DIR, default",
                "./data-bench-media): uploads N distinct photos (uploads per second, through the upload service: receive,",
                "hash, check, store, record), gives them alt texts, publishes pages showing them, then times a full site",
                "build (which makes every image variant) and a second build (which reuses them)."})
class BenchMediaCommand implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "1000", description = "photos to upload (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--per-page", defaultValue = "5", description = "photos on each page (default: ${DEFAULT-VALUE})")
    int perPage;

    @Option(names = "--out", defaultValue = "data-bench-media/site", description = "where the site is built (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (!env.containsKey("LAITURI_DB_URL")) {
            env.putIfAbsent("LAITURI_DATA_DIR", "data-bench-media");
        }
        FileTrees.delete(out);
        FileTrees.delete(out.toAbsolutePath().resolveSibling("media"));
        try (Application app = Application.start(env, Map.of("laituri.site.auto-build", false, "laituri.scheduler.enabled", false,
                "laituri.site.output", out.toString(), "laituri.webhooks.enabled", false,
                "laituri.media.directory", out.toAbsolutePath().resolveSibling("media").toString()))) {
            Media media = app.bean(Media.class);
            if (!media.list().isEmpty()) {
                System.err.println("laituri: bench media: the media library is not empty; remove "
                        + env.getOrDefault("LAITURI_DATA_DIR", "its data") + " or name an empty database");
                return 2;
            }
            System.out.println(BenchCommand.machine());
            long uploading = 0;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                byte[] photo = photo(i);
                long t = System.nanoTime();
                ids.add(media.upload("kuva-" + i + ".jpg", new ByteArrayInputStream(photo), CorpusWriter.EDITOR).view().id());
                uploading += System.nanoTime() - t;
            }
            System.out.printf("uploads: %d photos of 1600 × 1067 px in %.1f s = %.0f uploads/s%n", images, uploading / 1e9,
                    images / (uploading / 1e9));
            for (String id : ids) {
                Map<String, MediaText> texts = new HashMap<>();
                for (String language : SyntheticCorpus.LANGUAGES) {
                    texts.put(language, new MediaText(null, "Kuva " + id + " (" + language + ")"));
                }
                media.updateTexts(id, ETags.ANY, new MediaApi.TextsInput(false, texts), CorpusWriter.EDITOR);
            }
            List<SyntheticCorpus.Document> pages = new ArrayList<>();
            for (int from = 0, n = 0; from < ids.size(); from += perPage, n++) {
                StringBuilder body = new StringBuilder("Kuvia.\n");
                for (String id : ids.subList(from, Math.min(ids.size(), from + perPage))) {
                    body.append("\n![](media:").append(id).append(")\n");
                }
                List<SyntheticCorpus.Version> versions = new ArrayList<>();
                for (String language : SyntheticCorpus.LANGUAGES) {
                    versions.add(new SyntheticCorpus.Version(language, "Kuvasivu " + n + " " + language, "", body.toString(),
                            body.toString(), List.of(), List.of(), null));
                }
                pages.add(new SyntheticCorpus.Document("media-bench-" + n, "article", versions));
            }
            app.bean(CorpusWriter.class).write(pages);
            SiteBuilder builder = app.bean(SiteBuilder.class);
            BuildReport first = builder.build(out);
            System.out.printf("first build: %d files (%d of them written) in %.1f s, making every variant; %d warnings%n",
                    first.files(), first.written().size(), first.millis() / 1e3, first.warnings().size());
            FileTrees.delete(out);
            BuildReport second = builder.build(out);
            System.out.printf("build of an empty output folder, variants made before: %d files in %.1f s%n",
                    second.files(), second.millis() / 1e3);
            return 0;
        } catch (Application.StartupFailure e) {
            System.err.println("laituri: " + e.getMessage());
            return 2;
        }
    }

    /** A photo-like JPEG, different for each {@code n}. */
    private static byte[] photo(int n) throws IOException {
        BufferedImage image = new BufferedImage(1600, 1067, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(n * 37 % 256, 90, 160), 1600, 1067, new Color(240, n * 53 % 256, 60)));
        g.fillRect(0, 0, 1600, 1067);
        g.setColor(Color.WHITE);
        g.fillOval(200 + n % 600, 150, 500, 500);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
