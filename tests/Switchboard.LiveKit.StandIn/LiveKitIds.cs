using System.Security.Cryptography;

namespace Switchboard.LiveKit.StandIn;

/// <summary>IDs in LiveKit's format (livekit.md §0): a prefix and 12 characters from a 57-character alphabet.</summary>
internal static class LiveKitIds
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string New(string prefix) => prefix + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 12));
}
