using System;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>ssl.SSLSocket</c>: a <see cref="Socket"/> whose link is TLS, terminated on the ESP. Everything a socket does
    /// works the same (connect, send, recv_into, settimeout, close, ...); made by <see cref="SslContext.WrapSocket"/>.
    /// </summary>
    public sealed class SslSocket : Socket
    {
        private readonly bool serverSide;

        internal SslSocket(Socket from, SslContext context, bool serverSide, string serverHostname) : base(from)
        {
            Tls = context;
            TlsServerName = serverHostname;
            this.serverSide = serverSide;
            Context = context;
            ServerHostname = serverHostname;
        }

        private SslSocket(PoolResources resources, int family, int proto, int link) : base(resources, family, SocketPool.SOCK_STREAM, proto)
        {
            LinkId = link;
        }

        /// <summary>The context that wrapped the socket (null for a client accepted by a TLS server).</summary>
        public SslContext Context { get; private set; }

        /// <summary>The <c>server_hostname</c> given to wrap_socket.</summary>
        public string ServerHostname { get; private set; }

        /// <summary>Whether this is the server side (listen starts the ESP's TLS server).</summary>
        public bool ServerSide { get { return serverSide; } }

        internal override bool IsServerSideTls { get { return serverSide; } }

        internal override void StartServer(int port, int maxConnections)
        {
            if (serverSide) Context.StartServer(Resources, port, maxConnections, Family == SocketPool.AF_INET6);
            else base.StartServer(port, maxConnections);
        }

        internal override Socket NewAccepted(int link)
        {
            return new SslSocket(Resources, Family, Proto, link);
        }

        /// <summary>A socket wrapped after connect, before any data: closes the TCP link and opens it again as TLS.</summary>
        internal void ReopenAsTls()
        {
            lock (Sync)
            {
                int old = LinkId;
                LinkId = -1;
                Resources.Note("wrap_socket after connect: reopening link " + old + " to " + RemoteHost + ":" + RemotePort + " as TLS");
                try
                {
                    Resources.Table.Close(old);
                }
                catch (Exception e)
                {
                    Resources.Note("close of link " + old + ": " + e.Message);
                }
                OpenLink(RemoteHost, RemotePort);
            }
        }
    }
}
