using System;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>A connected byte stream (TCP or TLS) from whichever socket API the demo runs on.</summary>
    public interface IDemoStream : IDisposable
    {
        /// <summary>Sends all <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Reads up to <paramref name="count"/> bytes into the start of <paramref name="buffer"/>; 0 = the peer closed.</summary>
        int Read(byte[] buffer, int count);
    }
}
