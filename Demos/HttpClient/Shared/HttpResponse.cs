namespace Esp32At.Demos.HttpClient
{
    /// <summary>What came back: status, the headers the demo cares about, the body (unless streamed to a sink), timings.</summary>
    public sealed class HttpResponse
    {
        /// <summary>The status code, e.g. 200.</summary>
        public int Status;

        /// <summary>The Content-Type header, or null.</summary>
        public string ContentType;

        /// <summary>True when the body came with Transfer-Encoding: chunked.</summary>
        public bool Chunked;

        /// <summary>Chunks in a chunked body.</summary>
        public int Chunks;

        /// <summary>Body bytes received.</summary>
        public long BodyLength;

        /// <summary>The body when no sink took it (at most <see cref="MiniHttpClient.MaxKeptBody"/> bytes are kept).</summary>
        public byte[] Body;

        /// <summary>Where the time went.</summary>
        public readonly HttpTimings Timings = new HttpTimings();
    }
}
