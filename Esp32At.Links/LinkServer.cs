using System;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>
    /// The ESP's one TCP (or SSL) server (<c>AT+CIPSERVER</c>). Accepted clients take the lowest free link id and are
    /// handed out by <see cref="ConnectionTable.Accept"/>. At <see cref="MaxConnections"/> the firmware stops listening
    /// until a server link closes (spec §2.3), so further clients are refused rather than queued.
    /// </summary>
    public sealed class LinkServer : IRestorable
    {
        private const int CommandTimeoutMs = 5000;
        private readonly ConnectionTable table;
        private readonly AtExecutor executor;

        /// <summary>A server on <paramref name="table"/>'s device (not started).</summary>
        public LinkServer(ConnectionTable table)
        {
            if (table == null) throw new ArgumentNullException("table");
            this.table = table;
            executor = table.Device.Executor;
            table.Device.AddRestorable(this);
        }

        /// <summary>The port the server listens on, or 0 when stopped.</summary>
        public int Port { get; private set; }

        /// <summary>Server links the ESP accepts at once (1-5).</summary>
        public int MaxConnections { get; private set; }

        /// <summary>Seconds of silence after which the ESP closes an accepted link (0 = never).</summary>
        public int IdleTimeoutSeconds { get; private set; }

        /// <summary>Whether the TLS server requires client certificates issued by its <c>server_ca.0</c>.</summary>
        public bool VerifiesClients { get; private set; }

        /// <summary>
        /// Starts listening on <paramref name="port"/> for up to <paramref name="maxConnections"/> clients;
        /// <paramref name="ssl"/> for a TLS server (it presents <c>server_cert.0</c>: the firmware's, or one loaded with
        /// <see cref="CertificateStore.LoadServerCertificate"/>); <paramref name="idleTimeoutSeconds"/> closes silent
        /// accepted links (0 = never); <paramref name="verifyClients"/> (TLS only) makes the ESP refuse clients without a
        /// certificate issued by <c>server_ca.0</c> (<c>&lt;CA enable&gt;</c> = 1).
        /// </summary>
        public void Start(int port, int maxConnections = 5, bool ssl = false, int idleTimeoutSeconds = 0, bool verifyClients = false)
        {
            Start(port, maxConnections, ssl, idleTimeoutSeconds, verifyClients, false);
        }

        /// <summary>
        /// <see cref="Start(int, int, bool, int, bool)"/>, over IPv6 when <paramref name="ipv6"/>
        /// (<c>AT+CIPSERVER=1,&lt;port&gt;,"TCPv6"</c> or <c>"SSLv6"</c>; needs <c>Esp32AtOptions.Ipv6</c> and an IPv6
        /// address): its clients are IPv6 links (<see cref="ConnectionTable.IsIpv6"/>).
        /// </summary>
        public void Start(int port, int maxConnections, bool ssl, int idleTimeoutSeconds, bool verifyClients, bool ipv6)
        {
            if (verifyClients && !ssl) throw new ArgumentException("verifyClients needs a TLS server (ssl = true)", "verifyClients");
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException("port", "port must be 1 to 65535");
            if (maxConnections < 1 || maxConnections > table.Count) throw new ArgumentOutOfRangeException("maxConnections", "maxConnections must be 1 to " + table.Count);
            if (idleTimeoutSeconds < 0 || idleTimeoutSeconds > 7200) throw new ArgumentOutOfRangeException("idleTimeoutSeconds", "idle timeout must be 0 to 7200 s");
            if (Port != 0) throw new InvalidOperationException("the ESP runs one server and it already listens on port " + Port);
            // The limit must be set before the server starts (spec §7.12).
            executor.Execute(LinkCommands.ServerMaxConnections + maxConnections, CommandTimeoutMs);
            executor.Execute(LinkCommands.ServerIdleTimeout + idleTimeoutSeconds, CommandTimeoutMs);
            table.ServerKind = ssl ? LinkKind.Ssl : LinkKind.Tcp;
            table.ServerIpv6 = ipv6;
            string kind = ipv6
                ? verifyClients ? LinkCommands.ServerVerifyClients6Suffix : ssl ? LinkCommands.ServerSsl6Suffix : LinkCommands.ServerTcp6Suffix
                : verifyClients ? LinkCommands.ServerVerifyClientsSuffix : ssl ? LinkCommands.ServerSslSuffix : "";
            executor.Execute(LinkCommands.ServerStart + port + kind, CommandTimeoutMs);
            Port = port;
            VerifiesClients = verifyClients;
            MaxConnections = maxConnections;
            IdleTimeoutSeconds = idleTimeoutSeconds;
        }

        /// <summary>
        /// Stops listening. Accepted clients stay connected (as with a closed listening socket) unless
        /// <paramref name="closeClients"/>.
        /// </summary>
        public void Stop(bool closeClients = false)
        {
            if (Port == 0) return;
            try
            {
                executor.Execute(closeClients ? LinkCommands.ServerStopAll : LinkCommands.ServerStop, CommandTimeoutMs);
            }
            finally
            {
                Port = 0;
                table.ClearAcceptQueue();
            }
        }

        /// <summary>After an ESP reboot: listen again with the same settings.</summary>
        public void Restore(Esp32AtDevice device)
        {
            int port = Port;
            if (port == 0) return;
            Port = 0;
            Start(port, MaxConnections, table.ServerKind == LinkKind.Ssl, IdleTimeoutSeconds, VerifiesClients, table.ServerIpv6);
        }
    }
}
