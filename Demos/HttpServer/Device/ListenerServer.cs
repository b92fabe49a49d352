using System;
using System.IO;
using System.Net;
using System.Threading;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>
    /// The server demo over TinyCLR's own <see cref="HttpListener"/> (GHIElectronics.TinyCLR.Networking.Http). The
    /// listener opens its socket through the default network controller, which the app made from
    /// <c>Esp32AtNetworkProvider</c>, so the ESP32 accepts the clients (<c>AT+CIPSERVER</c>) and TinyCLR parses HTTP.
    /// Same routes as <see cref="MiniHttpServer"/> (<see cref="DemoApp"/>), each request on its own thread, at most
    /// <see cref="MaxClients"/> at once (503 beyond), oversized bodies 413, a body that does not arrive 408.
    /// </summary>
    public sealed class ListenerServer
    {
        private readonly DemoApp app;
        private readonly IServerLog log;
        private readonly int port;
        private readonly object gate = new object();
        private int active;

        /// <summary>Serves <paramref name="app"/> on ESP port <paramref name="port"/>.</summary>
        public ListenerServer(DemoApp app, IServerLog log, int port)
        {
            if (app == null) throw new ArgumentNullException("app");
            this.app = app;
            this.log = log;
            this.port = port;
            MaxClients = 5;
            MaxBodyBytes = 1024;
            BodyTimeoutMs = 5000;
        }

        /// <summary>Requests served at once (the ESP has five links).</summary>
        public int MaxClients { get; set; }

        /// <summary>Larger request bodies get 413.</summary>
        public int MaxBodyBytes { get; set; }

        /// <summary>A body that has not arrived in this time gets 408.</summary>
        public int BodyTimeoutMs { get; set; }

        /// <summary>Serves until <paramref name="stop"/> is set.</summary>
        public void Run(WaitHandle stop)
        {
            var listener = new HttpListener("http", port);
            listener.Start();
            Log("HttpListener on port " + port);
            // GetContext blocks without a timeout: stopping the listener is what releases it.
            new Thread(() =>
            {
                stop.WaitOne(Timeout.Infinite, false);
                listener.Stop();
            }).Start();
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = listener.GetContext();
                }
                catch (Exception e)
                {
                    if (!listener.IsListening) break;
                    Log("accept failed: " + e.Message);
                    continue;
                }
                if (context == null) continue;
                bool full;
                lock (gate)
                {
                    full = active >= MaxClients;
                    if (!full) app.ActiveClients = ++active;
                }
                if (full)
                {
                    Answer(context.Response, 503, "application/json", Json.Error("busy: " + MaxClients + " clients already"));
                    continue;
                }
                new Thread(new Client(this, context).Serve).Start();
            }
            listener.Close();
        }

        private void Serve(HttpListenerContext context)
        {
            string note = null;
            try
            {
                var request = Read(context.Request);
                int status;
                string type;
                byte[] body;
                if (request.ErrorStatus != 0)
                {
                    status = request.ErrorStatus;
                    type = "application/json";
                    body = Json.Error(request.ErrorText);
                }
                else
                {
                    app.Handle(request, out status, out type, out body);
                }
                Answer(context.Response, status, type, body);
                note = context.Request.RemoteEndPoint + " " + context.Request.HttpMethod + " " + context.Request.RawUrl + " -> " + status;
            }
            catch (Exception e)
            {
                note = "request dropped: " + e.GetType().Name + ": " + e.Message;
            }
            finally
            {
                lock (gate) app.ActiveClients = --active;
                if (note != null) Log(note);
            }
        }

        /// <summary>The request as <see cref="DemoApp"/> takes it: path without the query, the body read in full.</summary>
        private HttpRequest Read(HttpListenerRequest source)
        {
            var request = new HttpRequest();
            request.Method = source.HttpMethod;
            string url = source.RawUrl == null ? "/" : source.RawUrl;
            int query = url.IndexOf('?');
            request.Path = query >= 0 ? url.Substring(0, query) : url;
            long length = source.ContentLength64;
            if (length > MaxBodyBytes)
            {
                request.ErrorStatus = 413;
                request.ErrorText = "body over " + MaxBodyBytes + " bytes";
                return request;
            }
            request.Body = new byte[length > 0 ? (int)length : 0];
            if (request.Body.Length == 0) return request;
            var stream = source.InputStream;
            stream.ReadTimeout = BodyTimeoutMs;
            int got = 0;
            try
            {
                while (got < request.Body.Length)
                {
                    int n = stream.Read(request.Body, got, request.Body.Length - got);
                    if (n <= 0) break;
                    got += n;
                }
            }
            catch (IOException)
            {
                // A read timeout: the client announced more than it sent.
            }
            if (got < request.Body.Length)
            {
                request.ErrorStatus = 408;
                request.ErrorText = "body incomplete: " + got + " of " + request.Body.Length + " bytes";
            }
            return request;
        }

        private void Answer(HttpListenerResponse response, int status, string contentType, byte[] body)
        {
            app.Count(status);
            try
            {
                response.StatusCode = status;
                response.StatusDescription = MiniHttpServer.Reason(status);
                response.ContentType = contentType;
                response.ContentLength64 = body.Length;
                response.KeepAlive = false;
                response.Headers.Add("Cache-Control", "no-store");
                response.OutputStream.Write(body, 0, body.Length);
            }
            catch (Exception e)
            {
                Log("client left before the answer: " + e.Message);
            }
            finally
            {
                response.Close();
            }
        }

        private void Log(string text)
        {
            if (log != null) log.Line(text);
        }

        private sealed class Client
        {
            private readonly ListenerServer server;
            private readonly HttpListenerContext context;

            public Client(ListenerServer server, HttpListenerContext context)
            {
                this.server = server;
                this.context = context;
            }

            public void Serve()
            {
                server.Serve(context);
            }
        }
    }
}
