namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>
/// The syntax of a run of prefixes (RFC 4271 §4.3, with RFC 7911 §3 path identifiers): a length no
/// longer than the family allows and address octets that fit. An error here means the routes cannot
/// be told apart, so treat-as-withdraw is impossible and the session resets (RFC 7606 §5.3).
/// </summary>
internal static class NlriSyntax
{
    public static void Check(ReadOnlySpan<byte> field, int maxLength, bool pathIds, string name, VerdictBuilder verdict)
    {
        var position = 0;
        while (position < field.Length)
        {
            if (pathIds)
            {
                if (field.Length - position < 5)
                {
                    verdict.Reset(Messages.UpdateMessageErrorSubcode.InvalidNetworkField,
                        $"the {name} field ends inside a path identifier at octet {position} (RFC 7911 §3, RFC 7606 §5.3)");
                    return;
                }
                position += 4;
            }
            var length = field[position];
            if (length > maxLength)
            {
                verdict.Reset(Messages.UpdateMessageErrorSubcode.InvalidNetworkField,
                    $"a prefix in the {name} field is /{length}, longer than /{maxLength} (RFC 7606 §5.3)");
                return;
            }
            var octets = (length + 7) / 8;
            if (position + 1 + octets > field.Length)
            {
                verdict.Reset(Messages.UpdateMessageErrorSubcode.InvalidNetworkField,
                    $"a /{length} prefix in the {name} field overruns it at octet {position} (RFC 7606 §5.3)");
                return;
            }
            position += 1 + octets;
        }
    }
}
