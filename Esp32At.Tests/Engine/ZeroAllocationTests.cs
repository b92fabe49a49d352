using System.Text;
using Esp32At.Engine;
using Esp32At.Transport;

namespace Esp32At.Tests.Engine;

/// <summary>The steady-state data path allocates nothing on the caller's thread (issue: no allocation in send/receive).</summary>
public class ZeroAllocationTests
{
    [Fact]
    public void SendAndReceiveOfOneKibAllocateNothingAfterWarmUp()
    {
        var esp = new ByteLevelEsp();
        using var executor = new AtExecutor(esp) { RemoteInfoInReceive = true };
        executor.Start();
        var payload = new byte[1024];
        var received = new byte[1024];
        new Random(7).NextBytes(payload);
        var send = new AtCommandBuffer();
        var recv = new AtCommandBuffer();

        int failures = 0;
        void Once()
        {
            send.Clear().Append("AT+CIPSEND=").Append(0).Append(",").Append(payload.Length).AppendLineEnd();
            if (executor.Send(send, payload, 0, payload.Length, 5000) != AtResultCode.SendOk) failures++;
            recv.Clear().Append("AT+CIPRECVDATA=").Append(0).Append(",").Append(received.Length).AppendLineEnd();
            if (executor.Receive(recv, received, 0, received.Length, 5000) != 1024) failures++;
        }

        for (int i = 0; i < 50; i++) Once();
        long before = ThreadAllocations.Start();
        for (int i = 0; i < 100; i++) Once();
        long perOperation = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.Equal(0, failures);
        Assert.Equal(0, perOperation);
        Assert.Equal(esp.LastPayload, received);
        Assert.Equal(0u + 127 + (0u << 8) + (0u << 16) + (1u << 24), executor.LastRemoteAddress);
        Assert.Equal(4000, executor.LastRemotePort);
    }

    [Fact]
    public void AReceiveAnsweredNoDataAllocatesNothing()
    {
        var esp = new ByteLevelEsp { NoData = true };
        using var executor = new AtExecutor(esp);
        executor.Start();
        var received = new byte[1024];
        var recv = new AtCommandBuffer().Append("AT+CIPRECVDATA=0,1024").AppendLineEnd();
        int failures = 0;
        for (int i = 0; i < 20; i++) if (executor.Receive(recv, received, 0, received.Length, 5000) != -1) failures++;
        long before = ThreadAllocations.Start();
        for (int i = 0; i < 100; i++) if (executor.Receive(recv, received, 0, received.Length, 5000) != -1) failures++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated); // passive mode's routine "no data" ERROR: no exception object, no message string
    }

    /// <summary>An ESP that answers CIPSEND and CIPRECVDATA from preallocated bytes, echoing the last payload back.</summary>
    private sealed class ByteLevelEsp : IAtTransport
    {
        private static readonly byte[] Prompt = Encoding.ASCII.GetBytes("\r\nOK\r\n\r\n>");
        private static readonly byte[] SendOk = Encoding.ASCII.GetBytes("\r\nRecv 1024 bytes\r\n\r\nSEND OK\r\n");
        private static readonly byte[] RecvHeader = Encoding.ASCII.GetBytes("+CIPRECVDATA:1024,\"127.0.0.1\",4000,");
        private static readonly byte[] RecvTail = Encoding.ASCII.GetBytes("\r\nOK\r\n");
        private static readonly byte[] Error = Encoding.ASCII.GetBytes("\r\nERROR\r\n");
        private readonly object gate = new();
        private readonly byte[] queue = new byte[8192];
        private int head, count;

        public byte[] LastPayload { get; } = new byte[1024];
        /// <summary>CIPRECVDATA answers ERROR, as passive mode's "no data".</summary>
        public bool NoData { get; init; }
        public int BytesAvailable { get { lock (gate) return count; } }
        public int BaudRate => 115200;
        public bool HasResetLine => false;
        public void PulseReset(int lowMs) { }
        public void SetLineSettings(int baudRate, bool hardwareFlowControl) { }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (StartsWith(buffer, offset, count, "AT+CIPSEND")) Enqueue(Prompt, 0, Prompt.Length);
            else if (StartsWith(buffer, offset, count, "AT+CIPRECVDATA"))
            {
                if (NoData)
                {
                    Enqueue(Error, 0, Error.Length);
                    return;
                }
                Enqueue(RecvHeader, 0, RecvHeader.Length);
                Enqueue(LastPayload, 0, LastPayload.Length);
                Enqueue(RecvTail, 0, RecvTail.Length);
            }
            else
            {
                Array.Copy(buffer, offset, LastPayload, 0, Math.Min(count, LastPayload.Length));
                Enqueue(SendOk, 0, SendOk.Length);
            }
        }

        public int Read(byte[] buffer, int offset, int length, int timeoutMs)
        {
            lock (gate)
            {
                if (count == 0 && timeoutMs > 0) Monitor.Wait(gate, timeoutMs);
                int n = Math.Min(length, count);
                for (int i = 0; i < n; i++) buffer[offset + i] = queue[(head + i) % queue.Length];
                head = (head + n) % queue.Length;
                count -= n;
                return n;
            }
        }

        private void Enqueue(byte[] data, int offset, int length)
        {
            lock (gate)
            {
                for (int i = 0; i < length; i++) queue[(head + count + i) % queue.Length] = data[offset + i];
                count += length;
                Monitor.PulseAll(gate);
            }
        }

        private static bool StartsWith(byte[] b, int offset, int count, string text)
        {
            if (count < text.Length) return false;
            for (int i = 0; i < text.Length; i++) if (b[offset + i] != text[i]) return false;
            return true;
        }
    }
}
