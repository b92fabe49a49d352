using System;
using System.Text;
using System.Threading;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>
    /// A small HTTP/1.1 server: accepts clients from an <see cref="IServerListener"/>, serves each on its own thread (up
    /// to <see cref="MaxClients"/> at once, the ESP's five links; more get 503), one request per connection. Malformed,
    /// oversized and slow requests get 400, 413 and 408; whatever a client does, the server keeps running.
    /// </summary>
    public sealed class MiniHttpServer
    {
        private const int AcceptSliceMs = 250;
        private readonly IServerListener listener;
        private readonly DemoApp app;
        private readonly RequestReader reader;
        private readonly IServerLog log;
        private readonly object gate = new object();
        private readonly ManualResetEvent idle = new ManualResetEvent(true);
        private int active;

        /// <summary>Serves <paramref name="app"/> to clients of <paramref name="listener"/>.</summary>
        public MiniHttpServer(IServerListener listener, DemoApp app, RequestReader reader, IServerLog log)
        {
            if (listener == null) throw new ArgumentNullException("listener");
            if (app == null) throw new ArgumentNullException("app");
            this.listener = listener;
            this.app = app;
            this.reader = reader != null ? reader : new RequestReader();
            this.log = log;
            MaxClients = 5;
        }

        /// <summary>Clients served at once.</summary>
        public int MaxClients { get; set; }

        /// <summary>Serves until <paramref name="stop"/> is set, then waits (bounded) for the clients being served.</summary>
        public void Run(WaitHandle stop)
        {
            while (!stop.WaitOne(0, false))
            {
                IServerConnection connection;
                try
                {
                    connection = listener.Accept(AcceptSliceMs);
                }
                catch (Exception e)
                {
                    Log("accept failed: " + e.Message);
                    stop.WaitOne(AcceptSliceMs, false);
                    continue;
                }
                if (connection == null) continue;
                bool full;
                lock (gate)
                {
                    full = active >= MaxClients;
                    if (!full)
                    {
                        active++;
                        app.ActiveClients = active;
                        idle.Reset();
                    }
                }
                if (full)
                {
                    Answer(connection, 503, "application/json", Json.Error("busy: " + MaxClients + " clients already"));
                    Close(connection);
                    continue;
                }
                new Thread(new Client(this, connection).Serve).Start();
            }
            idle.WaitOne(5000, false);
        }

        private void Serve(IServerConnection connection)
        {
            // Logged once the connection is closed on the ESP, so a logged answer means the link id is free again.
            string note = null;
            try
            {
                var request = reader.Read(connection);
                if (request == null) return;
                if (request.ErrorStatus != 0)
                {
                    Answer(connection, request.ErrorStatus, "application/json", Json.Error(request.ErrorText));
                    note = connection.Remote + " -> " + request.ErrorStatus + " (" + request.ErrorText + ")";
                    return;
                }
                int status;
                string type;
                byte[] body;
                app.Handle(request, out status, out type, out body);
                Answer(connection, status, type, body);
                note = connection.Remote + " " + request.Method + " " + request.Path + " -> " + status;
            }
            catch (Exception e)
            {
                note = connection.Remote + " dropped: " + e.GetType().Name + ": " + e.Message;
            }
            finally
            {
                Close(connection);
                lock (gate)
                {
                    active--;
                    app.ActiveClients = active;
                    if (active == 0) idle.Set();
                }
                if (note != null) Log(note);
            }
        }

        private void Answer(IServerConnection connection, int status, string contentType, byte[] body)
        {
            app.Count(status);
            var head = "HTTP/1.1 " + status + " " + Reason(status) + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.Length +
                "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            var bytes = Encoding.UTF8.GetBytes(head);
            try
            {
                // One send for a small answer: fewer AT+CIPSEND round trips.
                if (body.Length <= 1024)
                {
                    var all = new byte[bytes.Length + body.Length];
                    Array.Copy(bytes, all, bytes.Length);
                    Array.Copy(body, 0, all, bytes.Length, body.Length);
                    connection.Send(all, 0, all.Length);
                }
                else
                {
                    connection.Send(bytes, 0, bytes.Length);
                    connection.Send(body, 0, body.Length);
                }
            }
            catch (Exception e)
            {
                Log(connection.Remote + " left before the answer: " + e.Message);
            }
        }

        private static void Close(IServerConnection connection)
        {
            try
            {
                connection.Dispose();
            }
            catch (Exception)
            {
                // Already gone.
            }
        }

        /// <summary>The reason phrase of the statuses this server sends.</summary>
        public static string Reason(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 400: return "Bad Request";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 408: return "Request Timeout";
                case 413: return "Content Too Large";
                case 503: return "Service Unavailable";
                default: return "Status";
            }
        }

        private void Log(string text)
        {
            if (log != null) log.Line(text);
        }

        private sealed class Client
        {
            private readonly MiniHttpServer server;
            private readonly IServerConnection connection;

            public Client(MiniHttpServer server, IServerConnection connection)
            {
                this.server = server;
                this.connection = connection;
            }

            public void Serve()
            {
                server.Serve(connection);
            }
        }
    }
}
