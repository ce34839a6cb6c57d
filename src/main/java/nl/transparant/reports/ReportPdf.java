package nl.transparant.reports;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.DataNode;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * A report as a tagged PDF (PDF/UA: headings, lists and tables are structure, the language and title are set): the
 * template {@code reports/pdf} renders the same fragment as the page, jsoup reads that HTML as a browser would, and
 * Open HTML to PDF lays it out on PDFBox with the report's stylesheet, which is put into the document here: the PDF
 * loads nothing from anywhere, whatever the answers hold.
 */
@Component
public class ReportPdf {

    static final String FONT_FAMILY = "Report Sans";
    /** The same stylesheet the report page links; its paged-media rules apply to the PDF only. */
    static final String STYLESHEET = "static/css/report.css";
    /** A font PDFBox itself ships, so the PDF embeds it (PDF/UA) and no font has to be installed on the machine. */
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final ITemplateEngine templates;
    private final ApplicationContext application;
    private final ConversionService conversions;
    private final String stylesheet;

    ReportPdf(ITemplateEngine templates, ApplicationContext application, ConversionService mvcConversionService) {
        this.templates = templates;
        this.application = application;
        this.conversions = mvcConversionService;
        // the library reports every stylesheet and font it loads; only its warnings belong in the application's log
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
        try (InputStream css = new ClassPathResource(STYLESHEET).getInputStream()) {
            this.stylesheet = new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The report's stylesheet " + STYLESHEET + " is not on the class path", e);
        }
    }

    byte[] render(AssessmentReport report, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        return render("reports/pdf", Map.of("report", report), locale, request, response);
    }

    /**
     * Another module's document as PDF, laid out the same way (tagged, the report's stylesheet, nothing loaded from
     * anywhere): {@code template} is a whole HTML document with its language and title, such as the EU database
     * registration of {@code obligations/eu-registration-pdf}.
     */
    public byte[] render(String template, Map<String, Object> variables, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response), locale, variables);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, conversions));
        String html = templates.process(template, context);
        org.jsoup.nodes.Document parsed = Jsoup.parse(html);
        parsed.head().appendElement("style").appendChild(new DataNode(stylesheet));
        org.w3c.dom.Document document = new W3CDom().fromJsoup(parsed);

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePdfUaAccessibility(true);
        builder.withProducer("Transparant");
        // One face for every weight: headings stand out by size; no unembedded standard font slips in.
        builder.useFont(ReportPdf::font, FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(ReportPdf::font, FONT_FAMILY, 700, FontStyle.NORMAL, true);
        builder.useFont(ReportPdf::font, FONT_FAMILY, 400, FontStyle.ITALIC, true);
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.withW3cDocument(document, "about:blank");
        builder.toStream(pdf);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("The report could not be laid out as PDF", e);
        }
        return pdf.toByteArray();
    }

    private static InputStream font() {
        InputStream font = ReportPdf.class.getResourceAsStream(FONT);
        if (font == null) {
            throw new IllegalStateException("PDFBox no longer ships " + FONT);
        }
        return font;
    }
}
