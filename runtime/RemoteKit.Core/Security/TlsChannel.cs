using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RemoteKit.Security;

/// <summary>
/// TLS under the frame transport. The controller presents a self-signed certificate made for its profile (or for one
/// embedded cluster); connection files pin its SHA-256 fingerprint, so clients and engines trust exactly that certificate
/// and no certificate authority. The key handshake that follows is bound to the channel: both sides mix the
/// <c>tls-server-end-point</c> binding (SHA-256 of the certificate the client saw) into their proofs, so a relay that
/// terminates TLS itself cannot pass the handshake through, even to a client that was given the relay's pin.
/// </summary>
internal static class TlsChannel
{
    /// <summary>The length of a binding: one SHA-256 digest.</summary>
    public const int BindingLength = 32;

    /// <summary>A fresh self-signed ECDSA P-256 certificate for a controller, valid for ten years.</summary>
    public static X509Certificate2 CreateCertificate(string subject = "RemoteKit controller")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The certificate as base64 PKCS#12 (with its private key), for a child process's environment.</summary>
    public static string ToBase64(X509Certificate2 certificate) => Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));

    /// <summary>Reads a certificate written by <see cref="ToBase64"/>.</summary>
    public static X509Certificate2 FromBase64(string pkcs12) => X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(pkcs12), null);

    /// <summary>Loads the certificate at <paramref name="path"/> (PKCS#12), or makes one and saves it there readable by the owner only.</summary>
    public static X509Certificate2 LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, null);
        }

        var certificate = CreateCertificate();
        SecretFile.Write(path, stream => stream.Write(certificate.Export(X509ContentType.Pkcs12)));
        return certificate;
    }

    /// <summary>The pin written into connection files: SHA-256 of the certificate, upper-case hex.</summary>
    public static string Fingerprint(X509Certificate certificate) => Convert.ToHexString(Binding(certificate));

    /// <summary>The <c>tls-server-end-point</c> channel binding of a certificate.</summary>
    public static byte[] Binding(X509Certificate certificate) => SHA256.HashData(certificate.GetRawCertData());

    /// <summary>Controller side: TLS with <paramref name="certificate"/>. Returns the stream and its channel binding.</summary>
    public static async Task<(SslStream Stream, byte[] Binding)> AcceptAsync(Stream inner, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificate = certificate, ClientCertificateRequired = false },
                cancellationToken).ConfigureAwait(false);
            return (ssl, Binding(certificate));
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Client and engine side: TLS to a controller (or an engine's direct path: <paramref name="peer"/>) whose certificate must
    /// have the pinned <paramref name="fingerprint"/>, which <paramref name="pinnedBy"/> gave. Returns the stream and the
    /// channel binding of the certificate the peer presented.
    /// </summary>
    public static async Task<(SslStream Stream, byte[] Binding)> ConnectAsync(
        Stream inner, string host, string fingerprint, CancellationToken cancellationToken, string peer = "the controller", string pinnedBy = "the connection file")
    {
        var pinned = ParseFingerprint(fingerprint);
        string? mismatch = null;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        if (certificate is null)
                        {
                            mismatch = peer + " presented no certificate";
                            return false;
                        }

                        if (CryptographicOperations.FixedTimeEquals(Binding(certificate), pinned))
                        {
                            return true;
                        }

                        mismatch = $"the certificate of {peer} has fingerprint {Fingerprint(certificate)}, but {pinnedBy} pins {fingerprint}";
                        return false;
                    },
                },
                cancellationToken).ConfigureAwait(false);
            return (ssl, Binding(ssl.RemoteCertificate!));
        }
        catch (AuthenticationException e) when (mismatch is not null)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new AuthenticationException($"Refusing {peer} at {host}: {mismatch}. Someone may be relaying the connection, or {pinnedBy} is stale.", e);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static byte[] ParseFingerprint(string fingerprint)
    {
        try
        {
            var bytes = Convert.FromHexString(fingerprint.Replace(":", string.Empty, StringComparison.Ordinal));
            return bytes.Length == BindingLength ? bytes : throw new FormatException();
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"The connection's TLS fingerprint '{fingerprint}' is not a SHA-256 digest in hex.", e);
        }
    }
}
