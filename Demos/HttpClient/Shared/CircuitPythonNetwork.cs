using System;
using Esp32At.CircuitPython;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>
    /// The demo over the CircuitPython-style faces, as a CircuitPython program would write it:
    /// <c>pool.getaddrinfo</c>, <c>pool.socket()</c> + <c>connect</c>, and <c>ssl_context.wrap_socket</c> for HTTPS.
    /// </summary>
    public sealed class CircuitPythonNetwork : IDemoNetwork
    {
        private const double TimeoutSeconds = 30;
        private readonly SocketPool pool;
        private readonly SslContext ssl;

        /// <summary>Sockets from <paramref name="pool"/>; TLS through <paramref name="ssl"/> (with the demo CA loaded).</summary>
        public CircuitPythonNetwork(SocketPool pool, SslContext ssl)
        {
            if (pool == null) throw new ArgumentNullException("pool");
            this.pool = pool;
            this.ssl = ssl;
        }

        public string Name { get { return "CircuitPython-style API (socketpool + ssl)"; } }

        public string Resolve(string host)
        {
            return pool.GetAddrInfo(host, 80)[0].Address.Ip;
        }

        public IDemoStream Connect(string host, int port, string tlsServerName)
        {
            Socket socket = pool.Socket(SocketPool.AF_INET, SocketPool.SOCK_STREAM);
            try
            {
                socket.SetTimeout(TimeoutSeconds);
                if (tlsServerName != null)
                {
                    if (ssl == null) throw new InvalidOperationException("no SSL context for HTTPS");
                    socket = ssl.WrapSocket(socket, false, tlsServerName);
                }
                socket.Connect(host, port);
                return new SocketStream(socket);
            }
            catch
            {
                socket.Close();
                throw;
            }
        }

        private sealed class SocketStream : IDemoStream
        {
            private readonly Socket socket;

            public SocketStream(Socket socket)
            {
                this.socket = socket;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                socket.SendAll(buffer, offset, count);
            }

            public int Read(byte[] buffer, int count)
            {
                return socket.RecvInto(buffer, count);
            }

            public void Dispose()
            {
                socket.Close();
            }
        }
    }
}
