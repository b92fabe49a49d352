using System;
using System.Text;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>ssl.SSLContext</c>. Verifies servers by default; the CA, client certificate and ALPN names it holds are
    /// given to the ESP when a wrapped socket connects (the CA goes into the ESP's <c>client_ca.0</c> with
    /// <c>AT+SYSMFG</c>, only when it changed). The ESP checks the chain and the name together: with verification on,
    /// the certificate must also match the server hostname (or the connect host).
    /// </summary>
    public sealed class SslContext
    {
        private readonly object gate = new object();
        private bool checkHostname = true;
        private int verifyMode = Ssl.CERT_REQUIRED;
        private byte[] caPem;
        private bool firmwareCa;
        private byte[] certPem;
        private byte[] keyPem;
        private string[] alpn;

        /// <summary>A context that verifies servers (<see cref="Ssl.CreateDefaultContext"/>).</summary>
        public SslContext()
        {
        }

        /// <summary>
        /// <c>check_hostname</c>: the server's certificate must match its name (default true). Setting it true also
        /// turns <see cref="VerifyMode"/> to <see cref="Ssl.CERT_REQUIRED"/> when it was <see cref="Ssl.CERT_NONE"/>, as CPython does.
        /// </summary>
        public bool CheckHostname
        {
            get { lock (gate) return checkHostname; }
            set
            {
                lock (gate)
                {
                    checkHostname = value;
                    if (value && verifyMode == Ssl.CERT_NONE) verifyMode = Ssl.CERT_REQUIRED;
                }
            }
        }

        /// <summary>
        /// <c>verify_mode</c>: <see cref="Ssl.CERT_REQUIRED"/> (default) or <see cref="Ssl.CERT_NONE"/> (no
        /// verification: set <see cref="CheckHostname"/> false first).
        /// </summary>
        /// <exception cref="InvalidOperationException">CERT_NONE while <see cref="CheckHostname"/> is on (CPython's ValueError).</exception>
        public int VerifyMode
        {
            get { lock (gate) return verifyMode; }
            set
            {
                if (value != Ssl.CERT_NONE && value != Ssl.CERT_OPTIONAL && value != Ssl.CERT_REQUIRED)
                    throw new ArgumentOutOfRangeException("value", "verify_mode must be CERT_NONE, CERT_OPTIONAL or CERT_REQUIRED");
                lock (gate)
                {
                    if (value == Ssl.CERT_NONE && checkHostname)
                        throw new InvalidOperationException("Cannot set verify_mode to CERT_NONE when check_hostname is enabled: set CheckHostname = false first");
                    verifyMode = value;
                }
            }
        }

        /// <summary>
        /// <c>load_verify_locations(cadata=...)</c>: the CA certificate(s) (PEM text) servers must chain to. Files
        /// (cafile, capath) do not exist here: pass the PEM content.
        /// </summary>
        public void LoadVerifyLocations(string cadata)
        {
            if (cadata == null) throw new ArgumentNullException("cadata");
            LoadVerifyLocations(Encoding.UTF8.GetBytes(cadata));
        }

        /// <summary>The CA certificate(s) as PEM bytes.</summary>
        public void LoadVerifyLocations(byte[] cadata)
        {
            if (cadata == null) throw new ArgumentNullException("cadata");
            CheckPem(cadata, "cadata", "CERTIFICATE");
            var copy = new byte[cadata.Length];
            Array.Copy(cadata, copy, copy.Length);
            lock (gate) caPem = copy;
        }

        /// <summary>
        /// <c>set_default_verify_paths()</c>: trust the CA flashed into the ESP's <c>client_ca.0</c> at build time
        /// (used when no CA was loaded with <see cref="LoadVerifyLocations(string)"/>).
        /// </summary>
        public void SetDefaultVerifyPaths()
        {
            lock (gate) firmwareCa = true;
        }

        /// <summary>
        /// <c>load_cert_chain(certfile, keyfile)</c>: the certificate and its private key (PEM text, not file names).
        /// A client presents it to servers that ask for one (mutual TLS, <c>client_cert.0</c>); a server-side socket's
        /// listen stores it as the ESP's TLS server certificate (<c>server_cert.0</c>/<c>server_key.0</c>).
        /// </summary>
        public void LoadCertChain(string certificatePem, string keyPem)
        {
            if (certificatePem == null) throw new ArgumentNullException("certificatePem");
            if (keyPem == null) throw new ArgumentNullException("keyPem");
            var c = Encoding.UTF8.GetBytes(certificatePem);
            var k = Encoding.UTF8.GetBytes(keyPem);
            CheckPem(c, "certificatePem", "CERTIFICATE");
            CheckPem(k, "keyPem", "PRIVATE KEY");
            lock (gate)
            {
                certPem = c;
                this.keyPem = k;
            }
        }

        /// <summary><c>set_alpn_protocols(protocols)</c>: at most 5 names offered in the handshake (<c>AT+CIPSSLCALPN</c>).</summary>
        public void SetAlpnProtocols(string[] protocols)
        {
            if (protocols != null && protocols.Length > 5) throw new ArgumentException("at most 5 ALPN protocols over ESP-AT", "protocols");
            string[] copy = null;
            if (protocols != null)
            {
                copy = new string[protocols.Length];
                for (int i = 0; i < copy.Length; i++)
                {
                    if (protocols[i] == null || protocols[i].Length == 0) throw new ArgumentException("empty ALPN protocol name", "protocols");
                    copy[i] = protocols[i];
                }
            }
            lock (gate) alpn = copy;
        }

        /// <summary>
        /// <c>wrap_socket(sock, server_side=False, server_hostname=None)</c>: a TLS socket taking over
        /// <paramref name="sock"/> (which is detached: use the returned one). Connect it afterwards; the ESP opens the
        /// link as TLS, sends <paramref name="serverHostname"/> as SNI and verifies against it (the connect host when
        /// null). A socket already connected but not yet used is reopened as TLS here. Server side: listen starts the
        /// ESP's TLS server: it presents the <see cref="LoadCertChain"/> pair (else the ESP's
        /// own <c>server_cert.0</c>) and, when this context has a CA (<see cref="LoadVerifyLocations(string)"/>, or
        /// <see cref="SetDefaultVerifyPaths"/> for the ESP's flashed <c>server_ca.0</c>) and <see cref="VerifyMode"/> is not
        /// CERT_NONE, refuses clients without a certificate issued by it.
        /// </summary>
        /// <exception cref="InvalidOperationException">Verification is on and the context has no CA (names the fix); or the
        /// socket already carried plain data (ESP-AT cannot upgrade a link).</exception>
        public SslSocket WrapSocket(Socket sock, bool serverSide = false, string serverHostname = null)
        {
            if (sock == null) throw new ArgumentNullException("sock");
            if (sock.Type != SocketPool.SOCK_STREAM) throw new OSError(Errno.EOPNOTSUPP, "TLS needs a SOCK_STREAM socket");
            if (!serverSide) CheckCanVerify();
            bool reopen;
            lock (sock.Sync)
            {
                sock.CheckUsable();
                if (sock.Tls != null) throw new InvalidOperationException("the socket is already wrapped");
                if (serverSide && sock.Listening) throw new InvalidOperationException("wrap the socket before listen: the ESP starts its server as TLS or plain");
                if (sock.Eof || (sock.LinkId >= 0 && sock.Used))
                    throw new InvalidOperationException("ESP-AT cannot upgrade a TCP link that carried data to TLS: wrap the socket before connect");
                reopen = sock.LinkId >= 0;
            }
            var wrapped = new SslSocket(sock, this, serverSide, serverHostname);
            if (reopen) wrapped.ReopenAsTls();
            return wrapped;
        }

        /// <summary>Opens the TLS link of <paramref name="sock"/> (called by connect, the socket's lock held).</summary>
        internal int Open(Socket sock, string host, int port, int timeoutMs)
        {
            var table = sock.Resources.Table;
            var tls = PassthroughSettings(sock, host);
            return sock.Family == SocketPool.AF_INET6 ? table.OpenSsl6(host, port, tls, timeoutMs) : table.OpenSsl(host, port, tls, timeoutMs);
        }

        /// <summary>The TLS settings of a connect to <paramref name="host"/>, with the CA and client PKI provisioned.</summary>
        internal TlsSettings PassthroughSettings(Socket sock, string host)
        {
            var tls = new TlsSettings();
            byte[] ca;
            byte[] cert;
            byte[] key;
            lock (gate)
            {
                tls.VerifyServer = verifyMode != Ssl.CERT_NONE;
                tls.TrustFirmwareCa = firmwareCa && caPem == null;
                tls.Alpn = alpn;
                ca = caPem;
                cert = certPem;
                key = keyPem;
            }
            tls.ServerName = sock.TlsServerName;
            var resources = sock.Resources;
            if (!tls.VerifyServer) resources.WarnUnverified(host);
            else if (ca != null) resources.Table.Certificates.LoadCa(ca, 0); // skipped when slot 0 already holds it
            if (cert != null)
            {
                resources.Table.Certificates.LoadClientCertificate(cert, key, 0);
                tls.UseClientCertificate = true;
            }
            return tls;
        }

        /// <summary>Listen of a server-side socket: provisions the server PKI this context holds and starts the TLS server.</summary>
        internal void StartServer(PoolResources resources, int port, int maxConnections, bool ipv6)
        {
            byte[] ca;
            byte[] cert;
            byte[] key;
            bool verifyClients;
            lock (gate)
            {
                ca = caPem;
                cert = certPem;
                key = keyPem;
                verifyClients = verifyMode != Ssl.CERT_NONE && (caPem != null || firmwareCa);
            }
            var store = resources.Table.Certificates;
            if (cert != null) store.LoadServerCertificate(cert, key); // skipped when the ESP already holds the pair
            if (verifyClients && ca != null) store.LoadServerCa(ca);
            resources.Server.Start(port, maxConnections, true, 0, verifyClients, ipv6);
        }

        private void CheckCanVerify()
        {
            lock (gate)
            {
                if (verifyMode == Ssl.CERT_NONE || caPem != null || firmwareCa) return;
            }
            throw new InvalidOperationException("TLS verification is on but this SSLContext has no CA: call LoadVerifyLocations(cadata: <CA PEM>), " +
                "or SetDefaultVerifyPaths() to trust the CA flashed into the ESP, or opt out explicitly with CheckHostname = false and VerifyMode = Ssl.CERT_NONE");
        }

        private static void CheckPem(byte[] pem, string argument, string kind)
        {
            if (pem.Length == 0) throw new ArgumentException(argument + " is empty", argument);
            var text = new string(Encoding.UTF8.GetChars(pem));
            if (text.IndexOf("-----BEGIN ") < 0 || text.IndexOf(kind) < 0)
                throw new ArgumentException(argument + " must be PEM text (-----BEGIN ..." + kind + "-----); files are not read here", argument);
        }
    }
}
