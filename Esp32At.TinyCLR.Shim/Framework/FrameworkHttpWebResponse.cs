namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>HttpWebResponse</c> as far as it drives the provider (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:
/// GHIElectronics.TinyCLR.Networking.Http/System.Net.HttpWebResponse.cs</c>, cited as <c>HttpWebResponse.cs#L..</c>).
/// </summary>
public sealed class FrameworkHttpWebResponse : IDisposable
{
    private readonly FrameworkHttpWebRequest request;
    private FrameworkHttpStream stream;

    internal FrameworkHttpWebResponse(FrameworkHttpWebRequest request, FrameworkHttpStream stream, int statusCode)
    {
        this.request = request;
        this.stream = stream;
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
    public long ContentLength { get; internal set; } = -1;
    public bool Chunked { get; internal set; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The pooled stream this response came on (tests check reuse by its socket's handle).</summary>
    public FrameworkHttpStream Connection => stream;

    /// <summary>HttpWebResponse.cs#L184-L191: a clone of the connection's stream; the connection forgets its buffered bytes.</summary>
    public FrameworkHttpStream GetResponseStream()
    {
        var clone = stream.Clone();
        stream.ForgetBuffered();
        return clone;
    }

    /// <summary>Reads the body to its end through <see cref="GetResponseStream"/> (what an app's read loop does).</summary>
    public byte[] ReadBody()
    {
        var body = GetResponseStream();
        var all = new MemoryStream();
        var buffer = new byte[512];
        int n;
        while ((ContentLength < 0 || all.Length < ContentLength) && (n = body.Read(buffer, 0, buffer.Length)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    public void Close() => Dispose();

    /// <summary>
    /// HttpWebResponse.cs#L255-L293: with KeepAlive the connection stays pooled only when the server sent a Connection
    /// header other than "close" (no header at all closes it, despite GHI's comment); kept: ReleaseStream (a thread that
    /// flushes unread bytes, then frees it); else removed from the pool and disposed.
    /// </summary>
    public void Dispose()
    {
        if (stream == null) return;
        bool close = true;
        if (request.KeepAlive)
        {
            Headers.TryGetValue("Connection", out var connection);
            close = connection == null || connection.ToLowerInvariant() == "close";
        }
        if (close)
        {
            FrameworkHttpWebRequest.RemoveFromPool(stream);
            stream.Dispose();
        }
        else stream.ReleaseStream();
        stream = null;
    }
}
