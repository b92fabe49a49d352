namespace Esp32At.Demos.HttpClient
{
    /// <summary>Where the time of one request went, in milliseconds.</summary>
    public sealed class HttpTimings
    {
        /// <summary>Opening the connection (TCP connect, and the TLS handshake for HTTPS).</summary>
        public int ConnectMs;

        /// <summary>Sending the request head and body.</summary>
        public int SendMs;

        /// <summary>From the request sent to the first byte of the answer.</summary>
        public int WaitMs;

        /// <summary>From the first byte of the answer to its end.</summary>
        public int ReceiveMs;

        /// <summary>e.g. "connect 12 ms, send 3 ms, wait 40 ms, receive 5 ms".</summary>
        public override string ToString()
        {
            return "connect " + ConnectMs + " ms, send " + SendMs + " ms, wait " + WaitMs + " ms, receive " + ReceiveMs + " ms";
        }
    }
}
