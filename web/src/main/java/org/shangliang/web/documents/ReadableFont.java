package org.shangliang.web.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * Noto Sans SC draws 民 and its radical look-alike ⺠ (U+2EA0), 用 and ⽤, 户 and 戶 with one glyph.
 * A PDF says which character each glyph is (its ToUnicode map) and PDFBox names the lowest code
 * point of the glyph: the look-alike, so text copied, searched or read aloud from the document
 * would be wrong. This keeps, for every glyph shared by several characters, only the common
 * simplified ones (GB 2312) when there are any, then ideographs before radicals, and writes the
 * font again with that mapping (FontBox's TTFSubsetter; characters of the basic plane, which
 * is every character of everyday Chinese). Printing looks exactly the same.
 */
final class ReadableFont {

    private ReadableFont() {
    }

    static byte[] of(byte[] ttf) {
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(ttf))) {
            CmapLookup cmap = font.getUnicodeCmapLookup();
            CharsetEncoder common = Charset.forName("GB2312").newEncoder();
            TTFSubsetter subsetter = new TTFSubsetter(font);
            for (int glyph = 0; glyph < font.getNumberOfGlyphs(); glyph++) {
                List<Integer> codes = cmap.getCharCodes(glyph);
                if (codes == null || codes.isEmpty()) {
                    continue;
                }
                for (int code : preferred(codes, common)) {
                    if (Character.isBmpCodePoint(code)) { // the subsetter writes a BMP character map only
                        subsetter.add(code);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(ttf.length);
            subsetter.writeToStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the document font", e);
        }
    }

    static List<Integer> preferred(List<Integer> codes, CharsetEncoder common) {
        if (codes.size() == 1) {
            return codes;
        }
        List<Integer> inCommonUse = new ArrayList<>();
        List<Integer> ideographs = new ArrayList<>();
        for (int code : codes) {
            if (Character.isBmpCodePoint(code) && common.canEncode((char) code)) {
                inCommonUse.add(code);
            }
            if (Character.isIdeographic(code) && !isRadical(code)) {
                ideographs.add(code);
            }
        }
        if (!inCommonUse.isEmpty()) {
            return inCommonUse;
        }
        return ideographs.isEmpty() ? codes : ideographs;
    }

    /** CJK Radicals Supplement, Kangxi Radicals, and the compatibility ideographs. */
    private static boolean isRadical(int code) {
        return (code >= 0x2E80 && code <= 0x2FDF) || (code >= 0xF900 && code <= 0xFAFF) || (code >= 0x2F800 && code <= 0x2FA1F);
    }
}
