using System;
using Esp32At.CircuitPython;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>
    /// The server on the CircuitPython-style sockets, as a CircuitPython program writes it:
    /// <c>s = pool.socket(); s.bind(("0.0.0.0", 80)); s.listen(5); conn, addr = s.accept()</c>.
    /// </summary>
    public sealed class CircuitPythonListener : IServerListener, IDisposable
    {
        private readonly Socket socket;

        /// <summary>Listens on ESP port <paramref name="port"/> for up to <paramref name="backlog"/> clients.</summary>
        public CircuitPythonListener(SocketPool pool, int port, int backlog) : this(pool, port, backlog, null)
        {
        }

        /// <summary>
        /// Listens as above; with <paramref name="tls"/> (a context holding <c>load_cert_chain</c>'s pair) the ESP
        /// terminates TLS: <c>s = ctx.wrap_socket(pool.socket(), server_side=True)</c> before bind and listen.
        /// </summary>
        public CircuitPythonListener(SocketPool pool, int port, int backlog, SslContext tls)
        {
            if (pool == null) throw new ArgumentNullException("pool");
            socket = pool.Socket(SocketPool.AF_INET, SocketPool.SOCK_STREAM);
            if (tls != null) socket = tls.WrapSocket(socket, true);
            socket.Bind("0.0.0.0", port);
            socket.Listen(backlog);
        }

        public IServerConnection Accept(int timeoutMs)
        {
            socket.SetTimeout(timeoutMs / 1000.0);
            Socket client;
            SocketEndpoint from;
            try
            {
                client = socket.Accept(out from);
            }
            catch (OSError e)
            {
                if (e.Errno == Errno.ETIMEDOUT || e.Errno == Errno.EAGAIN) return null;
                throw;
            }
            return new Connection(client, from != null ? from.ToString() : "?");
        }

        public void Dispose()
        {
            socket.Close();
        }

        private sealed class Connection : IServerConnection
        {
            private readonly Socket socket;
            private byte[] scratch = new byte[1024];

            public Connection(Socket socket, string remote)
            {
                this.socket = socket;
                Remote = remote;
            }

            public string Remote { get; private set; }

            public int Receive(byte[] buffer, int offset, int count, int timeoutMs)
            {
                socket.SetTimeout(timeoutMs / 1000.0);
                if (scratch.Length < count) scratch = new byte[count];
                int n;
                try
                {
                    n = socket.RecvInto(scratch, count);
                }
                catch (OSError e)
                {
                    if (e.Errno == Errno.ETIMEDOUT || e.Errno == Errno.EAGAIN) return -1;
                    if (e.Errno == Errno.ECONNRESET || e.Errno == Errno.ENOTCONN) return 0;
                    throw;
                }
                Array.Copy(scratch, 0, buffer, offset, n);
                return n;
            }

            public void Send(byte[] buffer, int offset, int count)
            {
                socket.SendAll(buffer, offset, count);
            }

            public void Dispose()
            {
                socket.Close();
            }
        }
    }
}
