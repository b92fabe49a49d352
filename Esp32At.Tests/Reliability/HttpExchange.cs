using System.Text;

namespace Esp32At.Tests.Reliability;

/// <summary>The minimal HTTP/1.1 used by the soak: one GET, one response with a body that names the request.</summary>
public static class HttpExchange
{
    public static byte[] Request(int n) => Encoding.ASCII.GetBytes($"GET /item/{n} HTTP/1.1\r\nHost: esp.test\r\nConnection: close\r\n\r\n");

    /// <summary>A response whose body (<paramref name="bodyBytes"/> long) starts with the request number and is checkable byte by byte.</summary>
    public static byte[] Response(int n, int bodyBytes)
    {
        var body = new StringBuilder($"item {n};");
        while (body.Length < bodyBytes) body.Append((char)('a' + (body.Length + n) % 26));
        var text = body.ToString(0, Math.Max(bodyBytes, body.Length));
        return Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {text.Length}\r\nConnection: close\r\n\r\n{text}");
    }

    /// <summary>The request number in a request's first line, or -1.</summary>
    public static int RequestNumber(string request)
    {
        const string prefix = "GET /item/";
        if (!request.StartsWith(prefix, StringComparison.Ordinal)) return -1;
        int end = request.IndexOf(' ', prefix.Length);
        return end > 0 && int.TryParse(request.AsSpan(prefix.Length, end - prefix.Length), out int n) ? n : -1;
    }

    /// <summary>The body size used for request <paramref name="n"/> (varies so chunking and notices vary).</summary>
    public static int BodySize(int n) => 16 + n * 37 % 3000;
}
