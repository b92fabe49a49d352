using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Mqtt;

/// <summary>
/// The MQTT AT error codes (Espressif's "MQTT AT Error Codes" table, printed as <c>ERR CODE:0x%08x</c>); only the
/// ones the emulator raises are named here.
/// </summary>
internal static class MqttErrors
{
    public const int NoConfigured = 0x6001;
    public const int UninitiatedOrAlreadyClean = 0x6003;
    public const int AlreadyConnected = 0x6004;
    public const int ParameterCountsIsWrong = 0x6008;
    public const int TlsConfigError = 0x6009;
    public const int ClientStartFailed = 0x600B;
    public const int ClientPublishFailed = 0x600C;
    public const int ClientSubscribeFailed = 0x600D;
    public const int ClientUnsubscribeFailed = 0x600E;
    public const int LinkIdValueIsWrong = 0x6011;
    public const int SchemeValueIsWrong = 0x6013;
    public const int ClientIdIsNull = 0x6015;
    public const int ClientIdIsOverlength = 0x6016;
    public const int UsernameIsOverlength = 0x6019;
    public const int PasswordIsOverlength = 0x601C;
    public const int CertKeyIdValueIsWrong = 0x601E;
    public const int CaIdValueIsWrong = 0x6020;
    public const int PathIsOverlength = 0x6029;
    public const int KeepaliveValueIsWrong = 0x602D;
    public const int DisableCleanSessionValueIsWrong = 0x602F;
    public const int LwtTopicIsOverlength = 0x6032;
    public const int LwtMsgIsOverlength = 0x6035;
    public const int LwtQosValueIsWrong = 0x6037;
    public const int LwtRetainValueIsWrong = 0x6039;
    public const int HostIsNull = 0x603B;
    public const int HostIsOverlength = 0x603C;
    public const int PortValueIsWrong = 0x603E;
    public const int ReconnectValueIsWrong = 0x6040;
    public const int TopicIsNull = 0x6042;
    public const int TopicIsOverlength = 0x6043;
    public const int DataIsNull = 0x6045;
    public const int QosValueIsWrong = 0x6048;
    public const int RetainValueIsWrong = 0x604A;
    public const int PublishLengthValueIsWrong = 0x604C;
    public const int InDisconnectedState = 0x6051;

    /// <summary>The ERROR a handler throws for <paramref name="code"/>.</summary>
    public static CommandException Of(int code) => new($"0x{code:x8}");
}
