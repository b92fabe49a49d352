using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Transports;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>Any AT client can drive the emulator over a raw TCP port: here a plain socket typing AT commands.</summary>
public class TcpPortBridgeTests
{
    [Fact]
    public void APlainSocketClientScansJoinsConnectsSendsAndReadsWithByteExactAnswers()
    {
        using var echo = new LoopbackServer(LoopbackServer.Echo);
        using var emulator = new EspEmulator(new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        using var bridge = new TcpPortBridge(emulator.Port, new IPEndPoint(IPAddress.Loopback, 0));
        using var client = new TcpClient();
        client.Connect(bridge.EndPoint);
        var s = client.GetStream();
        s.ReadTimeout = 5000;
        var unread = new StringBuilder();

        string Until(string end)
        {
            var buf = new byte[1024];
            int at;
            while ((at = unread.ToString().IndexOf(end, StringComparison.Ordinal)) < 0)
                unread.Append(Encoding.Latin1.GetString(buf, 0, s.Read(buf, 0, buf.Length)));
            var all = unread.ToString();
            unread.Clear().Append(all[(at + end.Length)..]);
            return all[..(at + end.Length)];
        }
        string Type(string line, string end = "\r\nOK\r\n")
        {
            s.Write(Encoding.Latin1.GetBytes(line));
            return Until(end);
        }

        Assert.EndsWith("\r\nready\r\n", Until("ready\r\n"));
        Assert.Equal("ATE0\r\n\r\nOK\r\n", Type("ATE0\r\n"));
        Assert.Equal("+CWLAP:(3,\"Home\",-48,\"5e:b1:86:92:aa:44\",6,-1,-1,4,4,7,0)\r\n\r\nOK\r\n", Type("AT+CWLAP\r\n"));
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", Type("AT+CWJAP=\"Home\",\"secret-pass\"\r\n"));
        Type("AT+CIPMUX=1\r\n");
        Type("AT+CIPRECVTYPE=5,1\r\n");
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", Type($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{echo.Port}\r\n"));
        Assert.Equal("\r\nOK\r\n\r\n>", Type("AT+CIPSEND=0,4\r\n", ">"));
        var sent = Type("ping", "SEND OK\r\n");
        Assert.Equal("\r\nRecv 4 bytes\r\n\r\nSEND OK\r\n", sent.Replace("\r\n+IPD,0,4\r\n", ""));
        if (!sent.Contains("+IPD,0,4")) Assert.Equal("\r\n+IPD,0,4\r\n", Until("+IPD,0,4\r\n"));
        Assert.Equal("+CIPRECVDATA:4,ping\r\nOK\r\n", Type("AT+CIPRECVDATA=0,64\r\n"));
    }
}
