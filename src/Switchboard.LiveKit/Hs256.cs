using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.LiveKit;

/// <summary>
/// The HS256 MAC and the body digest shared by <see cref="WebhookVerifier"/> and <see cref="AccessTokenWriter"/>.
/// </summary>
/// <remarks>
/// Hand-written rather than Microsoft.IdentityModel's signature providers: those refuse HMAC keys shorter than 256 bits
/// (IDX10720), and LiveKit secrets may be shorter (the dev server's is "secret"). LiveKit uses the secret's UTF-8 bytes as-is.
/// </remarks>
internal static class Hs256
{
    public const string Algorithm = "HS256";
    public const int MacSize = HMACSHA256.HashSizeInBytes;

    /// <summary>Length of the <c>sha256</c> claim: padded standard Base64 of a 32-byte digest.</summary>
    public const int BodyDigestLength = 44;

    private const int StackLimit = 1024;

    public static byte[] KeyBytes(string apiSecret) => Encoding.UTF8.GetBytes(apiSecret);

    /// <summary>HMAC-SHA256 of <paramref name="signingInput"/> (<c>header.payload</c>, ASCII by construction).</summary>
    /// <returns>false if the input holds a non-ASCII character, so it cannot be a JWS signing input.</returns>
    public static bool TryComputeMac(ReadOnlySpan<byte> key, ReadOnlySpan<char> signingInput, Span<byte> mac)
    {
        byte[]? rented = null;
        var bytes = signingInput.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : rented = ArrayPool<byte>.Shared.Rent(signingInput.Length);
        try
        {
            if (Ascii.FromUtf16(signingInput, bytes, out var written) != OperationStatus.Done)
            {
                return false;
            }

            HMACSHA256.HashData(key, bytes[..written], mac);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the <c>sha256</c> claim value for <paramref name="body"/>: padded standard Base64 of its SHA-256.</summary>
    public static void WriteBodyDigest(ReadOnlySpan<byte> body, Span<char> destination)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        Convert.TryToBase64Chars(digest, destination, out _);
    }
}
