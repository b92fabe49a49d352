using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>AT+SYSMFG (spec §2.1, §6): namespaces, typed reads and writes, erase; absent before v3.2.</summary>
public class SysMfgBytesTests
{
    [Fact]
    public void FactoryNamespacesHoldTheCertificateSets()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        Assert.Equal("+SYSMFG:\"client_ca\"\r\n+SYSMFG:\"client_cert\"\r\n+SYSMFG:\"client_key\"\r\n+SYSMFG:\"mqtt_ca\"\r\n+SYSMFG:\"mqtt_cert\"\r\n+SYSMFG:\"mqtt_key\"\r\n+SYSMFG:\"server_ca\"\r\n+SYSMFG:\"server_cert\"\r\n+SYSMFG:\"server_key\"\r\n\r\nOK\r\n",
            port.Command("AT+SYSMFG?"));
        Assert.Equal("+SYSMFG:\"client_ca\",\"client_ca.0\",8\r\n+SYSMFG:\"client_ca\",\"client_ca.1\",8\r\n\r\nOK\r\n", port.Command("AT+SYSMFG=1,\"client_ca\""));
    }

    [Fact]
    public void BlobsAndIntegersRoundTrip()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        port.Provision("my_ns", "note", "line1\r\nline2");
        Assert.Equal("+SYSMFG:\"my_ns\",\"note\",8,12,line1\r\nline2\r\n\r\nOK\r\n", port.Command("AT+SYSMFG=1,\"my_ns\",\"note\""));
        Assert.Equal("+SYSMFG:\"my_ns\",\"note\",8,3,ne1\r\n\r\nOK\r\n", port.Command("AT+SYSMFG=1,\"my_ns\",\"note\",2,3"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSMFG=2,\"my_ns\",\"count\",4,-300"));
        Assert.Equal("+SYSMFG:\"my_ns\",\"count\",4,-300\r\n\r\nOK\r\n", port.Command("AT+SYSMFG=1,\"my_ns\",\"count\""));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+SYSMFG=2,\"my_ns\",\"small\",1,256", "\r\nERROR\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSMFG=0,\"my_ns\",\"note\""));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+SYSMFG=1,\"my_ns\",\"note\"", "\r\nERROR\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSMFG=0,\"my_ns\""));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+SYSMFG=0,\"my_ns\"", "\r\nERROR\r\n"));
    }

    [Fact]
    public void ProvisionedValuesSurviveAReboot()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        port.Provision("client_ca", "client_ca.0", "PEM");
        port.Emulator.Reboot();
        port.ReadUntil("ready\r\n");
        port.Command("ATE0");
        Assert.Equal("+SYSMFG:\"client_ca\",\"client_ca.0\",8,3,PEM\r\n\r\nOK\r\n", port.Command("AT+SYSMFG=1,\"client_ca\",\"client_ca.0\""));
    }

    [Fact]
    public void V22HasNoSysMfg()
    {
        using var port = new RawPort(FirmwareProfile.V2_2_C3);
        port.Command("ATE0");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+SYSMFG?", "\r\nERROR\r\n"));
    }
}
