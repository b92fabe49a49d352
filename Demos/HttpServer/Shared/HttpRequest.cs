namespace Esp32At.Demos.HttpServer
{
    /// <summary>A request as the server read it, or the error status it earned (400, 408, 413).</summary>
    public sealed class HttpRequest
    {
        /// <summary>e.g. GET.</summary>
        public string Method;

        /// <summary>The path, without the query string.</summary>
        public string Path;

        /// <summary>The body (empty when none).</summary>
        public byte[] Body;

        /// <summary>0 for a good request, else the status to answer with.</summary>
        public int ErrorStatus;

        /// <summary>Why the request was refused.</summary>
        public string ErrorText;

        internal static HttpRequest Error(int status, string text)
        {
            var r = new HttpRequest();
            r.ErrorStatus = status;
            r.ErrorText = text;
            return r;
        }
    }
}
