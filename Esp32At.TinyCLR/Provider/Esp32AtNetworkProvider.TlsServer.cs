using System;
using System.Security.Cryptography.X509Certificates;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // The TLS server's PKI. The ESP does the handshake before it announces a client (<id>,CONNECT), so TinyCLR's
    // SslStream.AuthenticateAsServer(cert) on an accepted socket comes too late to choose the certificate: the app gives
    // it to the provider before Listen, and AuthenticateAsServer checks it is the one the ESP presented.
    public sealed partial class Esp32AtNetworkProvider
    {
        private byte[] serverCertificateServed;

        /// <summary>
        /// The TLS server's certificate with its private key (<c>PrivateKey</c> as PEM on TinyCLR); Listen stores it in the
        /// ESP's <c>server_cert.0</c>/<c>server_key.0</c> (<c>AT+SYSMFG</c>, skipped when unchanged) and starts a TLS server.
        /// Null: a TLS server (<see cref="SslServer"/>) presents the certificate already flashed into the ESP.
        /// </summary>
        public X509Certificate ServerCertificate { get; set; }

        /// <summary>
        /// Non-null: the TLS server refuses clients without a certificate issued by this CA (stored in <c>server_ca.0</c>,
        /// CIPSERVER's <c>&lt;CA enable&gt;</c> = 1). Null: clients need no certificate.
        /// </summary>
        public X509Certificate ServerClientCa { get; set; }

        private void StartServer(int port, int maxConnections, bool ipv6)
        {
            var certificate = ServerCertificate;
            var clientCa = ServerClientCa;
            bool ssl = SslServer || certificate != null || clientCa != null;
            byte[] served = null;
            if (certificate != null)
            {
                served = certificate.GetRawCertData();
                var key = Pem.PrivateKeyOf(certificate);
                if (key == null) throw new ArgumentException("ServerCertificate has no private key: the ESP needs both to serve TLS", "ServerCertificate");
                Table.Certificates.LoadServerCertificate(Pem.FromCertificate(served), key);
            }
            if (clientCa != null) Table.Certificates.LoadServerCa(Pem.FromCertificate(clientCa.GetRawCertData()));
            Server.Start(port, maxConnections, ssl, ServerIdleTimeoutSeconds, clientCa != null, ipv6);
            lock (gate) serverCertificateServed = served;
        }

        // AuthenticateAsServer's certificate must be the one Listen gave the ESP (none given = the app relies on the
        // ESP's flashed one, accepted only when the app passes no certificate either).
        private void CheckServedCertificate(X509Certificate certificate)
        {
            if (certificate == null) return;
            byte[] served;
            lock (gate) served = serverCertificateServed;
            var raw = certificate.GetRawCertData();
            if (served != null && SameBytes(served, raw)) return;
            throw new InvalidOperationException("the ESP's TLS server presented " + (served == null ? "its flashed server_cert" : "another certificate") +
                ": set ServerCertificate to this certificate before Listen (the ESP does the handshake before the accept)");
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
