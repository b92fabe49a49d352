using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>PEM text for the ESP (<c>AT+SYSMFG</c> stores what mbedTLS parses): DER input is wrapped, PEM passed through.</summary>
    internal static class Pem
    {
        public static byte[] FromCertificate(byte[] raw)
        {
            if (raw == null || raw.Length == 0) throw new ArgumentException("empty certificate", "certificate");
            if (IsPem(raw)) return raw;
            var b64 = Convert.ToBase64String(raw);
            var sb = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
            for (int i = 0; i < b64.Length; i += 64) sb.Append(b64.Substring(i, b64.Length - i < 64 ? b64.Length - i : 64)).Append('\n');
            sb.Append("-----END CERTIFICATE-----\n");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        /// <summary>The certificate's private key as PEM, or null.</summary>
        public static byte[] PrivateKeyOf(X509Certificate certificate)
        {
#if ESP32AT_HOST
            var withKey = certificate as X509Certificate2;
            if (withKey == null || !withKey.HasPrivateKey) return null;
            var rsa = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(withKey);
            if (rsa != null) return Encoding.UTF8.GetBytes(rsa.ExportPkcs8PrivateKeyPem());
            var ec = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(withKey);
            return ec == null ? null : Encoding.UTF8.GetBytes(ec.ExportPkcs8PrivateKeyPem());
#else
            return certificate.PrivateKey;
#endif
        }

        private static bool IsPem(byte[] raw)
        {
            const string begin = "-----BEGIN";
            if (raw.Length < begin.Length) return false;
            for (int i = 0; i < begin.Length; i++) if (raw[i] != begin[i]) return false;
            return true;
        }
    }
}
