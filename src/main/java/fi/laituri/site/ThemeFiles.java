package fi.laituri.site;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * The theme's files at the site's root: the logo ({@link SiteTheme#logoPath}), {@code /favicon.ico}, which browsers
 * ask for whatever a page says, and the icons the pages name ({@code icon.svg}, {@code apple-touch-icon.png}).
 */
@Singleton
class ThemeFiles implements SiteRenderer {

    private final SiteTheme theme;

    ThemeFiles(SiteTheme theme) {
        this.theme = theme;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        byte[] logo = theme.logo();
        files.add(PlannedFile.of(theme.logoPath(), Fingerprint.ofBytes(logo), () -> logo));
        for (String name : SiteTheme.ICONS) {
            byte[] bytes = theme.file(name);
            files.add(PlannedFile.of("/" + name, Fingerprint.ofBytes(bytes), () -> bytes));
        }
        return files;
    }
}
