package fi.laituri.language;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/** One entry under {@code laituri.languages.<code>} in the configuration. */
@EachProperty("laituri.languages")
class LanguageProperties {

    private final String code;
    private int order = 100;
    private String name;
    private String htmlLang;
    private String prefix;
    private String analyzer = "standard";
    private String source;
    private boolean adaptation;

    LanguageProperties(@Parameter String code) {
        this.code = code;
    }

    String getCode() {
        return code;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHtmlLang() {
        return htmlLang;
    }

    public void setHtmlLang(String htmlLang) {
        this.htmlLang = htmlLang;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getAnalyzer() {
        return analyzer;
    }

    public void setAnalyzer(String analyzer) {
        this.analyzer = analyzer;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public boolean isAdaptation() {
        return adaptation;
    }

    public void setAdaptation(boolean adaptation) {
        this.adaptation = adaptation;
    }
}
