package org.tongban.certificates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * The electronic seal and the electronic signature of GB/T 38540-2020 (信息安全技术 安全电子签章密码技术规范),
 * version 4 of the structures, built and read with BouncyCastle's ASN.1 classes:
 *
 * <pre>
 * SESeal ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OBJECT IDENTIFIER, signedValue BIT STRING }
 * SES_SealInfo ::= SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
 *                             picture SES_ESPictrueInfo, extDatas ExtensionDatas OPTIONAL }
 * SES_Header ::= SEQUENCE { ID IA5String ("ES"), version INTEGER (4), Vid IA5String }
 * SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER,
 *                                   certList SES_CertList, createDate, validStart, validEnd GeneralizedTime }
 * SES_CertList ::= CHOICE { certs SEQUENCE OF OCTET STRING (certListType 1), certDigestList ... (2) }
 * SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }  -- mm
 *
 * SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OBJECT IDENTIFIER,
 *                              signature BIT STRING, timeStamp [0] BIT STRING OPTIONAL }
 * TBS_Sign ::= SEQUENCE { version INTEGER (4), eseal SESeal, timeInfo GeneralizedTime, dataHash BIT STRING,
 *                         propertyInfo IA5String, extDatas [0] ExtensionDatas OPTIONAL }
 * </pre>
 *
 * The seal's signature (by the seal maker, 制章人) covers {@code SEQUENCE { eSealInfo, cert, signAlgID }}; the
 * document signature (by the signer, 签章人) covers the DER of {@code TBS_Sign}. Both are SM2 with SM3
 * (1.2.156.10197.1.501, GB/T 35275) with the pinned signer ID. Here the issuing body is both the seal maker and the
 * signer, with its one signing certificate; there is no separate seal-making authority. {@code timeStamp}, when
 * given, is a GB/T 20520 (RFC 3161) time-stamp token over the {@code signature} value (see {@link TimeStamps}), DER in
 * the BIT STRING. No {@code extDatas}.
 */
public final class ElectronicSeal {

    public static final String HEADER_ID = "ES";
    public static final int VERSION = 4;
    /** The vendor identifier ({@code SES_Header.Vid}). */
    public static final String VENDOR = "Tongban";
    /** GB/T 38540 印章类型: 1 = 单位印章 (an organisation's seal). */
    public static final int TYPE_ORGANIZATION = 1;
    /** {@code certListType} 1: the list holds the certificates themselves, not digests. */
    public static final int CERT_LIST_CERTIFICATES = 1;
    public static final ASN1ObjectIdentifier SM2_WITH_SM3 = new ASN1ObjectIdentifier(OfdPackage.SM2_SIGNATURE_OID);

    /** What a seal says: its id, type, name, the signers' certificates, dates, and picture (size in millimetres). */
    public record SealInfo(String esId, int type, String name, List<byte[]> certificates, Instant created,
            Instant validStart, Instant validEnd, String pictureType, byte[] picture, int widthMm, int heightMm) {
    }

    /** A seal as read back, with the bytes its signature covers. */
    public record Seal(String headerId, int version, String vendor, SealInfo info, byte[] makerCertificate,
            String algorithm, byte[] signedValue, byte[] signedContent, byte[] der) {
    }

    /**
     * A document signature as read back, with the bytes its signature covers ({@code TBS_Sign}) and the time-stamp
     * token over the signature value ({@code null} when there is none).
     */
    public record Signature(int version, Seal seal, Instant time, byte[] dataHash, String propertyInfo,
            byte[] signerCertificate, String algorithm, byte[] signature, byte[] signedContent, byte[] timeStamp) {

        public boolean timeStamped() {
            return timeStamp != null;
        }
    }

    private ElectronicSeal() {
    }

    /** Makes the seal ({@code SESeal}, DER), signed by the maker's key. */
    public static byte[] seal(SealInfo info, X509Certificate maker, PrivateKey makerKey) {
        ASN1EncodableVector header = vector(new DERIA5String(HEADER_ID), new ASN1Integer(VERSION),
                new DERIA5String(VENDOR));
        ASN1EncodableVector certs = new ASN1EncodableVector();
        info.certificates().forEach(c -> certs.add(new DEROctetString(c)));
        ASN1EncodableVector property = vector(new ASN1Integer(info.type()), new DERUTF8String(info.name()),
                new ASN1Integer(CERT_LIST_CERTIFICATES), new DERSequence(certs), time(info.created()),
                time(info.validStart()), time(info.validEnd()));
        ASN1EncodableVector picture = vector(new DERIA5String(info.pictureType()), new DEROctetString(info.picture()),
                new ASN1Integer(info.widthMm()), new ASN1Integer(info.heightMm()));
        DERSequence sealInfo = new DERSequence(vector(new DERSequence(header), new DERIA5String(info.esId()),
                new DERSequence(property), new DERSequence(picture)));
        DEROctetString makerCert = new DEROctetString(encoded(maker));
        byte[] signed = der(new DERSequence(vector(sealInfo, makerCert, SM2_WITH_SM3)));
        return der(new DERSequence(vector(sealInfo, makerCert, SM2_WITH_SM3,
                new DERBitString(Sm2.sign(makerKey, signed)))));
    }

    /**
     * The document signature ({@code SES_Signature}, DER) with the seal: {@code dataHash} is the SM3 digest of the
     * signed data, {@code propertyInfo} names it (for OFD, GB/T 33190 §18: the path of {@code Signature.xml}).
     * {@code timeStamper}, when given, turns the signature value into a time-stamp token for {@code timeStamp}.
     */
    public static byte[] sign(byte[] seal, Instant time, byte[] dataHash, String propertyInfo,
            X509Certificate signer, PrivateKey key, UnaryOperator<byte[]> timeStamper) {
        DERSequence tbs = new DERSequence(vector(new ASN1Integer(VERSION), primitive(seal),
                time(time), new DERBitString(dataHash), new DERIA5String(propertyInfo)));
        byte[] signature = Sm2.sign(key, der(tbs));
        ASN1EncodableVector members = vector(tbs, new DEROctetString(encoded(signer)), SM2_WITH_SM3,
                new DERBitString(signature));
        if (timeStamper != null) {
            members.add(new DERTaggedObject(false, 0, new DERBitString(timeStamper.apply(signature))));
        }
        return der(new DERSequence(members));
    }

    /** @throws IllegalArgumentException when the bytes are not an {@code SES_Signature} of version 4 */
    public static Signature readSignature(byte[] der) {
        try {
            ASN1Sequence s = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (s.size() < 4 || s.size() > 5) {
                throw new IllegalArgumentException("SES_Signature has " + s.size() + " members");
            }
            ASN1Sequence tbs = ASN1Sequence.getInstance(s.getObjectAt(0));
            if (tbs.size() < 5) {
                throw new IllegalArgumentException("TBS_Sign has " + tbs.size() + " members");
            }
            int version = ASN1Integer.getInstance(tbs.getObjectAt(0)).intValueExact();
            Seal seal = readSeal(der(tbs.getObjectAt(1).toASN1Primitive()));
            Instant time = instant(ASN1GeneralizedTime.getInstance(tbs.getObjectAt(2)));
            return new Signature(version, seal, time, ASN1BitString.getInstance(tbs.getObjectAt(3)).getOctets(),
                    ASN1IA5String.getInstance(tbs.getObjectAt(4)).getString(),
                    ASN1OctetString.getInstance(s.getObjectAt(1)).getOctets(),
                    ASN1ObjectIdentifier.getInstance(s.getObjectAt(2)).getId(),
                    ASN1BitString.getInstance(s.getObjectAt(3)).getOctets(), der(tbs), s.size() == 5
                            ? timeStamp(s.getObjectAt(4)) : null);
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("Not a GB/T 38540 SES_Signature", e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not an {@code SESeal} */
    public static Seal readSeal(byte[] der) {
        try {
            ASN1Sequence s = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (s.size() != 4) {
                throw new IllegalArgumentException("SESeal has " + s.size() + " members");
            }
            ASN1Sequence sealInfo = ASN1Sequence.getInstance(s.getObjectAt(0));
            ASN1Sequence header = ASN1Sequence.getInstance(sealInfo.getObjectAt(0));
            ASN1Sequence property = ASN1Sequence.getInstance(sealInfo.getObjectAt(2));
            ASN1Sequence picture = ASN1Sequence.getInstance(sealInfo.getObjectAt(3));
            List<byte[]> certs = new ArrayList<>();
            if (ASN1Integer.getInstance(property.getObjectAt(2)).intValueExact() == CERT_LIST_CERTIFICATES) {
                for (var c : ASN1Sequence.getInstance(property.getObjectAt(3))) {
                    certs.add(ASN1OctetString.getInstance(c).getOctets());
                }
            }
            SealInfo info = new SealInfo(ASN1IA5String.getInstance(sealInfo.getObjectAt(1)).getString(),
                    ASN1Integer.getInstance(property.getObjectAt(0)).intValueExact(),
                    ASN1UTF8String.getInstance(property.getObjectAt(1)).getString(), certs,
                    instant(ASN1GeneralizedTime.getInstance(property.getObjectAt(4))),
                    instant(ASN1GeneralizedTime.getInstance(property.getObjectAt(5))),
                    instant(ASN1GeneralizedTime.getInstance(property.getObjectAt(6))),
                    ASN1IA5String.getInstance(picture.getObjectAt(0)).getString(),
                    ASN1OctetString.getInstance(picture.getObjectAt(1)).getOctets(),
                    ASN1Integer.getInstance(picture.getObjectAt(2)).intValueExact(),
                    ASN1Integer.getInstance(picture.getObjectAt(3)).intValueExact());
            byte[] signedContent = der(new DERSequence(vector(s.getObjectAt(0), s.getObjectAt(1), s.getObjectAt(2))));
            return new Seal(ASN1IA5String.getInstance(header.getObjectAt(0)).getString(),
                    ASN1Integer.getInstance(header.getObjectAt(1)).intValueExact(),
                    ASN1IA5String.getInstance(header.getObjectAt(2)).getString(), info,
                    ASN1OctetString.getInstance(s.getObjectAt(1)).getOctets(),
                    ASN1ObjectIdentifier.getInstance(s.getObjectAt(2)).getId(),
                    ASN1BitString.getInstance(s.getObjectAt(3)).getOctets(), signedContent, der);
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("Not a GB/T 38540 SESeal", e);
        }
    }

    /** {@code timeStamp [0] BIT STRING}, implicitly tagged. */
    private static byte[] timeStamp(org.bouncycastle.asn1.ASN1Encodable member) {
        ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(member);
        if (tagged.getTagNo() != 0) {
            throw new IllegalArgumentException("SES_Signature member 5 is not timeStamp [0]");
        }
        return ASN1BitString.getInstance(tagged, false).getOctets();
    }

    private static ASN1EncodableVector vector(org.bouncycastle.asn1.ASN1Encodable... items) {
        ASN1EncodableVector v = new ASN1EncodableVector(items.length);
        for (var item : items) {
            v.add(item);
        }
        return v;
    }

    private static ASN1Primitive primitive(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not DER", e);
        }
    }

    private static DERGeneralizedTime time(Instant instant) {
        // Whole seconds, UTC ("yyyyMMddHHmmssZ"), the DER form of GeneralizedTime.
        return new DERGeneralizedTime(Date.from(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    private static Instant instant(ASN1GeneralizedTime time) {
        try {
            return time.getDate().toInstant();
        } catch (ParseException e) {
            throw new IllegalArgumentException("Bad GeneralizedTime", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object object) {
        try {
            return object.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
