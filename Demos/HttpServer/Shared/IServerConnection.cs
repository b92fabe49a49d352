using System;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>One accepted client connection, from whichever socket API the server runs on.</summary>
    public interface IServerConnection : IDisposable
    {
        /// <summary>
        /// Reads up to <paramref name="count"/> bytes into <paramref name="buffer"/> at <paramref name="offset"/>, waiting
        /// up to <paramref name="timeoutMs"/>: the count, 0 when the client closed, -1 when nothing came in time.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Sends all bytes.</summary>
        void Send(byte[] buffer, int offset, int count);

        /// <summary>The client's address, for the log.</summary>
        string Remote { get; }
    }
}
