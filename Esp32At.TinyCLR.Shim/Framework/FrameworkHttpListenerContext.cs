using System.Text;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>HttpListenerContext</c>, <c>HttpListenerRequest</c> and <c>HttpListenerResponse</c> as far
/// as they drive the provider (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:GHIElectronics.TinyCLR.Networking.Http/
/// System.Net.HttpListenerContext.cs</c>, <c>...HttpListenerRequest.cs</c>, <c>...HttpListenerResponse.cs</c>,
/// <c>..._OutputNetworkStreamWrapper.cs</c>, cited as Context/Request/Response/Output.cs#L..).
/// </summary>
public sealed class FrameworkHttpListenerContext
{
    private readonly FrameworkHttpListener listener;
    private readonly FrameworkSocket socket;
    private readonly FrameworkNetworkStream output;
    private readonly FrameworkHttpStream input;
    private bool parsed;
    private bool headersSent;
    private bool closed;

    /// <summary>Context.cs#L64-L90: an input wrapper (not owning the socket) over the client's stream; nothing is read yet.</summary>
    internal FrameworkHttpListenerContext(FrameworkHttpListener listener, FrameworkSocket socket, FrameworkNetworkStream stream)
    {
        this.listener = listener;
        this.socket = socket;
        output = stream;
        input = new FrameworkHttpStream(stream, socket, false, null);
    }

    public string HttpMethod { get { Parse(); return method; } }
    public string RawUrl { get { Parse(); return url; } }
    public Dictionary<string, string> RequestHeaders { get { Parse(); return headers; } }
    /// <summary>Request.cs#L286: the request body through a clone of the input wrapper.</summary>
    public FrameworkHttpStream InputStream { get { Parse(); return input.Clone(); } }

    public int StatusCode { get; set; } = 200;
    /// <summary>Response.cs#L51: off by default, so every response closes its connection.</summary>
    public bool KeepAlive { get; set; }
    public long ContentLength64 { get; set; } = -1;
    public string ContentType { get; set; }

    private string method;
    private string url;
    private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Request.cs#L121-L200: the request line, then header lines through the 256-byte buffered reader; chunked bodies decode (Context.cs#L100-L115).</summary>
    private void Parse()
    {
        if (parsed) return;
        parsed = true;
        var parts = input.ReadLine().Trim().Split(' ');
        method = parts[0];
        url = parts.Length > 1 ? parts[1] : "/";
        string line;
        while ((line = input.ReadLine()).Length > 0)
        {
            int colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (headers.TryGetValue("Content-Length", out var length)) input.BytesLeftInResponse = long.Parse(length);
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.ToLowerInvariant() == "chunked") input.ChunkedDecoding = true;
    }

    /// <summary>Output.cs#L179-L190: the first write sends the headers first (Response.cs#L181-L203: status line, then headers, two Writes).</summary>
    public void Write(byte[] buffer, int offset, int count)
    {
        Parse();
        SendHeaders();
        output.Write(buffer, offset, count);
    }

    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Write(bytes, 0, bytes.Length);
    }

    /// <summary>
    /// Response.cs#L396-L444: headers if not yet sent; Flush (no provider call); KeepAlive hands the connection to the
    /// listener's keep-alive wait, else the stream is closed (NetworkStream owns the socket: Close(handle); SslStream
    /// closes only its TLS handle).
    /// </summary>
    public void Close()
    {
        if (closed) return;
        Parse();
        SendHeaders();
        closed = true;
        if (KeepAlive) listener.AddToWaitingConnections(socket, output);
        else output.Close();
    }

    private void SendHeaders()
    {
        if (headersSent) return;
        headersSent = true;
        var status = Encoding.UTF8.GetBytes("HTTP/1.1 " + StatusCode + " " + (StatusCode == 200 ? "OK" : "Status") + "\r\n");
        output.Write(status, 0, status.Length);
        var h = new StringBuilder();
        if (ContentLength64 != -1) h.Append("Content-Length: ").Append(ContentLength64).Append("\r\n");
        h.Append("Connection: ").Append(KeepAlive ? "Keep-Alive" : "Close").Append("\r\n"); // Response.cs#L135-L136
        if (ContentType != null) h.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        h.Append("\r\n");
        var head = Encoding.UTF8.GetBytes(h.ToString());
        output.Write(head, 0, head.Length);
    }
}
