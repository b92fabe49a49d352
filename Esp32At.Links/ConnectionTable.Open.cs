using System;
using System.Threading;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // Opening links: TCP, UDP and TLS clients on the lowest free id, and what a busy ESP means for CIPSTART.
    public sealed partial class ConnectionTable
    {
        /// <summary>
        /// Opens a TCP connection on the lowest free link id and returns the id. <paramref name="host"/> is a name or IPv4
        /// literal, resolved by the ESP. CIPSTART is never sent twice: a busy ESP gives <see cref="AtBusyException"/>.
        /// </summary>
        public int OpenTcp(string host, int port, int timeoutMs = ConnectTimeoutMs)
        {
            CheckEndpoint(host, port);
            return Open(LinkKind.Tcp, false, host, port, 0, null, timeoutMs);
        }

        /// <summary>
        /// Opens a UDP link to <paramref name="host"/>:<paramref name="port"/>. <paramref name="localPort"/> 0 lets the
        /// ESP choose; otherwise datagrams from any sender are accepted and replies follow the latest sender (mode 2).
        /// </summary>
        public int OpenUdp(string host, int port, int localPort = 0, int timeoutMs = ConnectTimeoutMs)
        {
            CheckEndpoint(host, port);
            if (localPort < 0 || localPort > 65535) throw new ArgumentOutOfRangeException("localPort", "local port must be 0 to 65535");
            return Open(LinkKind.Udp, false, host, port, localPort, null, timeoutMs);
        }

        /// <summary>
        /// Opens a TLS connection. The server is verified unless <paramref name="tls"/> says otherwise; verification
        /// needs a CA (see <see cref="TlsSettings"/>). A failed handshake is an <see cref="AtCommandException"/>.
        /// </summary>
        public int OpenSsl(string host, int port, TlsSettings tls, int timeoutMs = ConnectTimeoutMs)
        {
            CheckEndpoint(host, port);
            CheckTls(tls);
            return Open(LinkKind.Ssl, false, host, port, 0, tls, timeoutMs);
        }

        private void CheckTls(TlsSettings tls)
        {
            if (tls == null) throw new ArgumentNullException("tls");
            if (tls.VerifyServer && !tls.TrustFirmwareCa && !Certificates.HasCa(tls.CaSlot))
                throw new InvalidOperationException("TLS server verification is on but no CA is loaded in slot " + tls.CaSlot +
                    ": load one with Certificates.LoadCa, set TrustFirmwareCa, or set VerifyServer = false explicitly");
            if (tls.UseClientCertificate && !tls.TrustFirmwareCa && !Certificates.HasClientCertificate(tls.ClientCertificateSlot))
                throw new InvalidOperationException("no client certificate is loaded in slot " + tls.ClientCertificateSlot);
            if (tls.Alpn != null && tls.Alpn.Length > 5) throw new ArgumentException("at most 5 ALPN names", "tls");
            if (!tls.VerifyServer) NoteUnverifiedTls("TLS server verification is OFF (TlsSettings.VerifyServer = false): the peer is not authenticated");
        }

        private int Open(LinkKind kind, bool ipv6, string host, int port, int localPort, TlsSettings tls, int timeoutMs)
        {
            Link link = Reserve(kind);
            link.Ipv6 = ipv6;
            try
            {
                SetReceiveMode(link, kind);
                if (tls != null) ConfigureTls(link.Id, tls, host);
                var cmd = new AtCommandBuffer().Append(LinkCommands.Start).Append(link.Id)
                    .Append(TypeArgument(kind, ipv6))
                    .AppendQuoted(host, "host").Append(",").Append(port);
                bool timeoutArg = device.Capabilities.HasCipStartTimeout;
                if (kind == LinkKind.Udp)
                {
                    if (localPort > 0) cmd.Append(",").Append(localPort).Append(",2");
                    else if (timeoutArg) cmd.Append(",,");
                    if (timeoutArg) cmd.Append(",,").Append(timeoutMs);
                }
                else if (timeoutArg) cmd.Append(",,,").Append(timeoutMs);
                cmd.AppendLineEnd();
                try
                {
                    executor.Run(cmd, null, timeoutMs + 2000, false);
                }
                catch (AtBusyException)
                {
                    if (!OpenedAfterBusy(link.Id, cmd, timeoutMs)) throw;
                }
                lock (gate)
                {
                    // A notice or CLOSED in the same burst as CIPSTART's OK was parsed before this: keep what it said
                    // (Reserve zeroed Available), else the first data waits a second for the CIPRECVLEN? reconcile.
                    if (link.State == LinkState.Connecting) link.State = LinkState.Open;
                    link.HeardTicks = DateTime.UtcNow.Ticks;
                }
                return link.Id;
            }
            catch
            {
                // Also after a CLOSED that followed the failed CIPSTART (spec §7.10): nobody else holds this id.
                lock (gate) link.State = LinkState.Free;
                throw;
            }
        }

        private static string TypeArgument(LinkKind kind, bool ipv6)
        {
            if (kind == LinkKind.Udp) return ipv6 ? LinkCommands.Udp6 : LinkCommands.Udp;
            if (kind == LinkKind.Ssl) return ipv6 ? LinkCommands.Ssl6 : LinkCommands.Ssl;
            return ipv6 ? LinkCommands.Tcp6 : LinkCommands.Tcp;
        }

        // "busy p..." means the line was dropped, yet esp-at#993 saw a CIPSTART executed anyway: never resend blindly.
        // Ask the ESP whether the link exists; only if it does not, send CIPSTART once more, and after an ERROR ask again.
        private bool OpenedAfterBusy(int id, AtCommandBuffer cmd, int timeoutMs)
        {
            uint remote;
            int remotePort;
            int localPort;
            Thread.Sleep(BusySettleMs);
            if (QueryEndpoints(id, out remote, out remotePort, out localPort)) return true;
            try
            {
                executor.Run(cmd, null, timeoutMs + 2000, false);
                return true;
            }
            catch (AtCommandException)
            {
                if (QueryEndpoints(id, out remote, out remotePort, out localPort)) return true;
                throw;
            }
        }
    }
}
