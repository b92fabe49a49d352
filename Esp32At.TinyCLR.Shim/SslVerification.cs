namespace System.Security.Authentication;

/// <summary>TinyCLR-only: how SslStream verifies the peer (values as TinyCLR 2.2.1.2000).</summary>
public enum SslVerification
{
    None = 0,
    Optional = 1,
    Required = 2,
    VerifyOnce = 3,
}
