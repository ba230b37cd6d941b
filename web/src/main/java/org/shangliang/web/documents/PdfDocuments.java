package org.shangliang.web.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * Printable documents (notices for the notice board, paper ballots, sign-in sheets, minutes): a
 * Thymeleaf template under {@code templates/documents/} rendered in the reader's language, read as
 * HTML5 by jsoup and laid out as an A4 PDF by openhtmltopdf (PDFBox). Noto Sans SC is embedded as
 * a subset, so the document prints the same on any office printer, with or without Chinese fonts.
 */
@Component
public class PdfDocuments {

    private static final Logger log = LoggerFactory.getLogger(PdfDocuments.class);
    static final String FONT = "Noto Sans SC";

    private final SpringTemplateEngine templates;
    private final ApplicationContext context;
    private byte[] regularAsShipped;
    private byte[] boldAsShipped;
    private volatile byte[][] fonts;

    PdfDocuments(SpringTemplateEngine templates, ApplicationContext context) {
        this.templates = templates;
        this.context = context;
        this.regularAsShipped = font("fonts/400Regular/NotoSansSC_400Regular.ttf");
        this.boldAsShipped = font("fonts/700Bold/NotoSansSC_700Bold.ttf");
    }

    /** The fonts with a readable character map ({@link ReadableFont}), prepared once, on the first document. */
    private byte[][] fonts() {
        byte[][] ready = fonts;
        if (ready == null) {
            synchronized (this) {
                if (fonts == null) {
                    long started = System.nanoTime();
                    fonts = new byte[][] {ReadableFont.of(regularAsShipped), ReadableFont.of(boldAsShipped)};
                    regularAsShipped = null;
                    boldAsShipped = null;
                    log.info("Document fonts prepared in {} ms", (System.nanoTime() - started) / 1_000_000);
                }
                ready = fonts;
            }
        }
        return ready;
    }

    /** Prepares the fonts in the background once the pages serve, so the first document is not the slow one. */
    @EventListener(ApplicationReadyEvent.class)
    void prepareFonts() {
        Thread warm = new Thread(() -> {
            try {
                fonts();
            } catch (RuntimeException e) {
                log.error("Document fonts could not be prepared; the first document will try again", e);
            }
        }, "document-fonts");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    /** The document of {@code template} with {@code model}, as PDF bytes. */
    public byte[] render(String template, Map<String, Object> model) {
        long started = System.nanoTime();
        Context variables = new Context(LocaleContextHolder.getLocale(), model);
        variables.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(context, null));
        String html = templates.process("documents/" + template, variables);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "/");
            byte[][] font = fonts();
            builder.useFont(() -> new ByteArrayInputStream(font[0]), FONT, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(font[1]), FONT, 700, FontStyle.NORMAL, true);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lay out " + template, e);
        }
        log.info("Document {} rendered: {} bytes in {} ms", template, pdf.size(), (System.nanoTime() - started) / 1_000_000);
        return pdf.toByteArray();
    }

    /** A PDF answer shown in the browser (and saved under {@code filename}). */
    public static ResponseEntity<byte[]> inline(byte[] pdf, String filename) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(pdf);
    }

    /** A CSV answer (UTF-8 with a byte order mark, so spreadsheet programs read the Chinese right). */
    public static ResponseEntity<byte[]> csv(String text, String filename) {
        byte[] body = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(body);
    }

    private static byte[] font(String path) {
        try (InputStream in = PdfDocuments.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the web module: it is fetched by the build "
                        + "(download-maven-plugin, npm package @expo-google-fonts/noto-sans-sc); run ./mvnw package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
