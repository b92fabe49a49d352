using System.Text;
using Esp32At.Emulator.Profiles;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;
using static Esp32At.Tests.Links.ActiveRig;

namespace Esp32At.Tests.Links;

/// <summary>
/// Active receive on an SSL link (real TLS 1.2 in the emulator, server verified against the test CA): 256 KiB with AT
/// framing traps in the plaintext arrive byte-exact through <c>+IPD</c> frames, read fast or by a slow reader with
/// RTS/CTS on and a 2 KiB host UART buffer; no command crosses the wire while reading, and no host overrun happens.
/// </summary>
public sealed class ActiveSslReceiveTests
{
    private const int Size = 256 * 1024;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void TwoHundredFiftySixKiBArriveByteExact(int pauseMsPerKiB)
    {
        var data = Tricky(16 + pauseMsPerKiB, Size);
        using var server = new TlsLoopbackServer(s =>
        {
            s.Write(data, 0, data.Length);
            s.Flush();
            try { while (s.Read(new byte[64], 0, 64) > 0) { } } catch (IOException) { }
        });
        using var rig = new ActiveRig(FirmwareProfile.V4_1_1_C3, baud: 921600, flow: true, bufferBytes: 4096, hostBuffer: 2048);
        rig.Links.Certificates.LoadCa(Encoding.ASCII.GetBytes(TestCertificates.Shared.CaPem), 0);
        int before = rig.Wire.Written.Length;

        int id = rig.Links.OpenSsl("127.0.0.1", server.Port, new TlsSettings { ServerName = TestCertificates.ServerName });

        string opening = rig.Wire.Written[before..];
        Assert.StartsWith($"AT+CIPRECVTYPE={id},0\r\n", opening);
        Assert.EndsWith($"AT+CIPSTART={id},\"SSL\",\"127.0.0.1\",{server.Port},,,20000\r\n", opening);
        Assert.True(server.Handshaken.Wait(5000));
        int opened = rig.Wire.Written.Length;

        var got = ReadSlowly(rig.Links, id, Size, 1024, pauseMsPerKiB, 10000);

        Assert.Equal(Size, got.Length);
        Assert.True(data.AsSpan().SequenceEqual(got), "the stream differs");
        Assert.Equal(opened, rig.Wire.Written.Length); // no CIPRECVDATA, no CIPRECVLEN?
        Assert.Equal(0, rig.Emulator.Port.HostOverrunBytes);
        rig.Links.Close(id);
    }
}
