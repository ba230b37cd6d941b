package org.shangliang.web.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The code printed on a paper ballot: eight characters from a hash of the ballot and the holder,
 * in Crockford's base32 (no I, L, O or U to misread), shown as {@code K7Q2-9MXA}. The committee
 * types it, or scans the QR code beside it, to open the form for that holder's flat.
 */
public final class BallotCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private BallotCodes() {
    }

    public static String of(String ballotId, String holder) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest((ballotId + "|" + holder).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder code = new StringBuilder();
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        for (int i = 7; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) ((bits >> (i * 5)) & 31)));
        }
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** What a person typed, made comparable: upper case, no spaces or dashes, O read as 0 and I or L as 1. */
    public static String normalize(String typed) {
        if (typed == null) {
            return "";
        }
        String plain = typed.strip().toUpperCase().replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1')
                .replace('L', '1');
        return plain.length() == 8 ? plain.substring(0, 4) + "-" + plain.substring(4) : plain;
    }

    /** A QR code of {@code text} as a PNG data URI, for an {@code <img>} in a printed document. */
    public static String qr(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 240, 240,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 1));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < matrix.getWidth(); x++) {
                for (int y = 0; y < matrix.getHeight(); y++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode as a QR code: " + text, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
