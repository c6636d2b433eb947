package fi.laituri.cli;

import fi.laituri.publish.Published;
import fi.laituri.publish.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Copy the live site (or, with --search, the search index) to a static host; needs no database.",
                "TARGET: a folder, rsync://host/module/path or [user@]host:path (rsync), or s3://bucket/prefix",
                "(LAITURI_PUBLISH_S3_ENDPOINT, _REGION, _ACCESS_KEY, _SECRET_KEY). Only what changed is sent;",
                "what the site no longer has is deleted from the target, after the new files are in place."})
class PublishCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "TARGET", description = "where to publish")
    String to;

    @Option(names = "--site", description = "the site folder a build wrote (default: LAITURI_SITE_OUTPUT or site)")
    Path site;

    @Option(names = "--search", description = "publish the search index (<site>/search) for search nodes instead of the pages")
    boolean search;

    @Override
    public Integer call() throws Exception {
        Path folder = site != null ? site : Path.of(System.getenv().getOrDefault("LAITURI_SITE_OUTPUT", "site"));
        Path from = search ? folder.resolve("search") : folder.resolve("current");
        if (!Files.exists(from.resolve(search ? "current" : ""))) {
            System.err.println("laituri: nothing to publish: " + (search ? from.resolve("current") : from).toAbsolutePath()
                    + " does not exist (laituri build --out " + folder + " makes it)");
            return 1;
        }
        Target target = Target.parse(to, System.getenv());
        long start = System.nanoTime();
        Published done = search ? target.search(from) : target.site(from.toRealPath());
        System.out.printf("Published %s to %s: %d written, %d unchanged, %d deleted, in %d ms%n",
                search ? "the search index" : "the site (" + from.toRealPath().getFileName() + ")", target, done.written(),
                done.unchanged(), done.deleted(), (System.nanoTime() - start) / 1_000_000);
        return 0;
    }
}
