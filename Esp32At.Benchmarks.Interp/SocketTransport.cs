using System;
using System.Net;
using System.Net.Sockets;
using Esp32At.Transport;

namespace Esp32At.Benchmarks.Interp
{
    /// <summary>
    /// The AT UART as the emulator's raw TCP port (like ser2net). Counts writes: each is a command line or a payload the
    /// caller then waits an answer for, i.e. one AT exchange step, as the benchmark's CountingTransport does.
    /// </summary>
    internal sealed class SocketTransport : IAtTransport, IDisposable
    {
        private readonly Socket socket;
        private int baud = 115200;

        public SocketTransport(IPEndPoint endpoint)
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.NoDelay = true;
            socket.Connect(endpoint);
        }

        /// <summary>Host writes so far.</summary>
        public long Writes { get; private set; }

        public int BytesAvailable { get { return socket.Available; } }

        public int BaudRate { get { return baud; } }

        public bool HasResetLine { get { return false; } }

        public void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            while (count > 0)
            {
                int n = socket.Send(buffer, offset, count, SocketFlags.None);
                offset += n;
                count -= n;
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            // One poll and one receive per read: the measured CPU is the driver's, not extra FIONREAD calls.
            if (!socket.Poll(timeoutMs > 0 ? timeoutMs * 1000 : 0, SelectMode.SelectRead)) return 0;
            int n = socket.Receive(buffer, offset, count, SocketFlags.None);
            // Readable with nothing to read: the emulator closed the port. Behave as a quiet UART without spinning.
            if (n == 0) System.Threading.Thread.Sleep(Math.Min(timeoutMs, 50));
            return n;
        }

        public void SetLineSettings(int baudRate, bool hardwareFlowControl) { baud = baudRate; }

        public void PulseReset(int lowMs) { }

        public void Dispose() { socket.Close(); }
    }
}
