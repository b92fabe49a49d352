using System.Text;
using Esp32At.Transport;

namespace Esp32At.Benchmarks.Micro;

/// <summary>
/// A transport whose "ESP" answers every write at once with a canned, preallocated reply (OK; the CIPSEND prompt and
/// SEND OK; a CIPRECVDATA answer), so an executor benchmark measures the executor: command composition, the hand-off
/// to the pump thread, parsing, completion. Allocates nothing per exchange.
/// </summary>
public sealed class InstantEsp : IAtTransport
{
    public const int Payload = 1460;

    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("\r\nOK\r\n");
    private static readonly byte[] Prompt = Encoding.ASCII.GetBytes("\r\nOK\r\n\r\n>");
    private static readonly byte[] SendOk = Encoding.ASCII.GetBytes($"\r\nRecv {Payload} bytes\r\n\r\nSEND OK\r\n");
    private static readonly byte[] ReceiveAnswer = Encoding.ASCII.GetBytes($"+CIPRECVDATA:{Payload},\"192.168.1.10\",80,")
        .Concat(Peers.Pattern.Block(Payload)).Concat(Encoding.ASCII.GetBytes("\r\nOK\r\n")).ToArray();

    private readonly object gate = new();
    private byte[] reply = [];
    private int position;

    public void Write(byte[] buffer, int offset, int count)
    {
        byte[] answer = !StartsWith(buffer, offset, count, "AT") ? SendOk
            : StartsWith(buffer, offset, count, "AT+CIPSEND=") ? Prompt
            : StartsWith(buffer, offset, count, "AT+CIPRECVDATA=") ? ReceiveAnswer
            : Ok;
        lock (gate)
        {
            reply = answer;
            position = 0;
            Monitor.PulseAll(gate);
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        lock (gate)
        {
            if (position >= reply.Length && !Monitor.Wait(gate, timeoutMs)) return 0;
            int n = Math.Min(count, reply.Length - position);
            Array.Copy(reply, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    private static bool StartsWith(byte[] buffer, int offset, int count, string text)
    {
        if (count < text.Length) return false;
        for (int i = 0; i < text.Length; i++) if (buffer[offset + i] != text[i]) return false;
        return true;
    }

    public int BytesAvailable { get { lock (gate) return reply.Length - position; } }
    public int BaudRate => 3_000_000;
    public void SetLineSettings(int baudRate, bool hardwareFlowControl) { }
    public bool HasResetLine => false;
    public void PulseReset(int lowMs) { }
}
