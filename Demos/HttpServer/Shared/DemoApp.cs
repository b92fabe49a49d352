using System;
using System.Text;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>
    /// The server demo's routes: <c>GET /</c> (the status page), <c>GET /api/status</c> (JSON), <c>POST /api/led</c>
    /// (<c>{"on":true}</c>, <c>{"on":false}</c> or <c>{"toggle":true}</c>; answers the new state). Counts what it served.
    /// </summary>
    public sealed class DemoApp
    {
        private readonly ILed led;
        private readonly long startTicks = DateTime.UtcNow.Ticks;
        private readonly object gate = new object();
        private int served;
        private int refused;

        /// <summary>An app switching <paramref name="led"/>; <paramref name="address"/> is shown in the status.</summary>
        public DemoApp(ILed led, string address)
        {
            if (led == null) throw new ArgumentNullException("led");
            this.led = led;
            Address = address;
        }

        /// <summary>The address clients reach the server at, for the status.</summary>
        public string Address { get; set; }

        /// <summary>Clients being served now (kept by the server).</summary>
        public int ActiveClients;

        /// <summary>Requests answered with 2xx.</summary>
        public int Served { get { lock (gate) return served; } }

        /// <summary>Requests refused (4xx).</summary>
        public int Refused { get { lock (gate) return refused; } }

        /// <summary>Counts an answer with <paramref name="status"/>.</summary>
        public void Count(int status)
        {
            lock (gate)
            {
                if (status < 300) served++;
                else refused++;
            }
        }

        /// <summary>Answers a well-formed request: fills status, content type and body.</summary>
        public void Handle(HttpRequest request, out int status, out string contentType, out byte[] body)
        {
            contentType = "application/json";
            if (request.Path == "/" || request.Path == "/index.html")
            {
                if (!Allowed(request, "GET", out status, out body)) return;
                contentType = "text/html; charset=utf-8";
                body = Encoding.UTF8.GetBytes(StatusPage.Html);
                return;
            }
            if (request.Path == "/api/status")
            {
                if (!Allowed(request, "GET", out status, out body)) return;
                body = Encoding.UTF8.GetBytes(StatusJson());
                return;
            }
            if (request.Path == "/api/led")
            {
                if (!Allowed(request, "POST", out status, out body)) return;
                int wanted = ParseLed(Encoding.UTF8.GetString(request.Body, 0, request.Body.Length));
                if (wanted < 0)
                {
                    status = 400;
                    body = Json.Error("body must be {\"on\":true}, {\"on\":false} or {\"toggle\":true}");
                    return;
                }
                lock (gate) led.On = wanted == 2 ? !led.On : wanted == 1;
                body = Encoding.UTF8.GetBytes("{\"led\":" + (led.On ? "true" : "false") + "}");
                return;
            }
            status = 404;
            body = Json.Error("no such resource: " + request.Path);
        }

        /// <summary>The JSON of <c>/api/status</c>.</summary>
        public string StatusJson()
        {
            long uptime = (DateTime.UtcNow.Ticks - startTicks) / TimeSpan.TicksPerSecond;
            lock (gate)
            {
                return "{\"uptime_s\":" + uptime + ",\"led\":" + (led.On ? "true" : "false") + ",\"served\":" + served +
                    ",\"refused\":" + refused + ",\"clients\":" + ActiveClients + ",\"address\":\"" + Address + "\"}";
            }
        }

        private static bool Allowed(HttpRequest request, string method, out int status, out byte[] body)
        {
            if (request.Method == method)
            {
                status = 200;
                body = null;
                return true;
            }
            status = 405;
            body = Json.Error(request.Path + " takes " + method);
            return false;
        }

        /// <summary>1 = on, 0 = off, 2 = toggle, -1 = not understood.</summary>
        public static int ParseLed(string json)
        {
            var compact = new StringBuilder();
            for (int i = 0; i < json.Length; i++) if (json[i] != ' ' && json[i] != '\t' && json[i] != '\r' && json[i] != '\n') compact.Append(json[i]);
            var text = compact.ToString();
            if (text == "{\"on\":true}") return 1;
            if (text == "{\"on\":false}") return 0;
            if (text == "{\"toggle\":true}") return 2;
            return -1;
        }
    }
}
