using System;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // TLS for TinyCLR's SslStream: the ESP terminates TLS (CIPSTART "SSL", or an SSL server), so the handle stays the socket's.
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>
        /// Opens the deferred connection as TLS (<c>CIPSTART "SSL"</c>) with <paramref name="targetHost"/> as SNI and
        /// verification name. Verification is on unless <paramref name="sslVerification"/> is None (TinyCLR's default,
        /// Optional, verifies too); it needs <paramref name="caCertificate"/>, a CA loaded earlier, or
        /// <see cref="TrustFirmwareCa"/>. Returns the socket handle as the TLS handle.
        /// </summary>
        public int AuthenticateAsClient(int socketHandle, string targetHost, X509Certificate caCertificate, X509Certificate clientCertificate,
            SslProtocols sslProtocols, SslVerification sslVerification)
        {
            var s = Get(socketHandle);
            lock (s)
            {
                if (s.Secure) return socketHandle;
                if (!s.ConnectPending)
                    throw new NotSupportedException("TLS must start before the first read or write: ESP-AT cannot upgrade an open TCP link (call AuthenticateAsClient right after Connect)");
                var tls = new TlsSettings();
                tls.ServerName = targetHost;
                tls.VerifyServer = sslVerification != SslVerification.None;
                tls.TrustFirmwareCa = TrustFirmwareCa;
                if (!tls.VerifyServer) WarnUnverified();
                if (tls.VerifyServer && caCertificate == null && !TrustFirmwareCa && !Table.Certificates.HasCa(tls.CaSlot))
                    throw new InvalidOperationException("TLS verification needs a CA: pass one to AuthenticateAsClient, load one with LoadCa, " +
                        "set TrustFirmwareCa, or opt out with SslVerification.None");
                try
                {
                    if (tls.VerifyServer && caCertificate != null) LoadCa(caCertificate);
                    if (clientCertificate != null)
                    {
                        LoadClientCertificate(clientCertificate);
                        tls.UseClientCertificate = true;
                    }
                    s.LinkId = s.Ipv6 ? Table.OpenSsl6(RemoteText(s), s.RemotePort, tls, ConnectTimeoutMs) : Table.OpenSsl(RemoteText(s), s.RemotePort, tls, ConnectTimeoutMs);
                }
                catch (Exception e)
                {
                    throw Fail(s, e, SocketError.ConnectionRefused);
                }
                s.ConnectPending = false;
                s.Secure = true;
                ApplyTcpOptions(s);
                return socketHandle;
            }
        }

        /// <summary>
        /// The ESP terminates TLS itself: a client accepted by a TLS server (<see cref="ServerCertificate"/> or
        /// <see cref="SslServer"/>) is already secure and its handle is returned. TinyCLR's SslStream passes the
        /// certificate it wants served (HttpListener its HttpsCert): it must be <see cref="ServerCertificate"/>.
        /// </summary>
        public int AuthenticateAsServer(int socketHandle, X509Certificate certificate, SslProtocols sslProtocols)
        {
            var s = Get(socketHandle);
            lock (s)
            {
                if (!s.Secure)
                    throw new NotSupportedException("the ESP terminates TLS: set ServerCertificate (or SslServer = true for the ESP's flashed server_cert) before Listen");
            }
            CheckServedCertificate(certificate);
            return socketHandle;
        }

        /// <summary>Reads from a TLS socket (the ESP decrypted it).</summary>
        public int SecureRead(int handle, byte[] buffer, int offset, int count)
        {
            return Receive(handle, buffer, offset, count, SocketFlags.None);
        }

        /// <summary>Writes to a TLS socket (the ESP encrypts it).</summary>
        public int SecureWrite(int handle, byte[] buffer, int offset, int count)
        {
            return Send(handle, buffer, offset, count, SocketFlags.None);
        }
    }
}
