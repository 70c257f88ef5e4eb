using Grid.Bgp.Messages;

namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>
/// What a received UPDATE's errors call for (RFC 7606): the action, the NOTIFICATION to send when
/// the action is <see cref="UpdateErrorAction.SessionReset"/>, and why, for the log.
/// </summary>
public sealed record UpdateVerdict(UpdateErrorAction Action, BgpNotification? Notification, IReadOnlyList<string> Reasons)
{
    public static readonly UpdateVerdict Accepted = new(UpdateErrorAction.Accept, null, []);

    public bool Resets => Action == UpdateErrorAction.SessionReset;

    public bool WithdrawsAnnouncements => Action == UpdateErrorAction.TreatAsWithdraw;

    public override string ToString() => Reasons.Count == 0 ? Action.ToString() : $"{Action}: {string.Join("; ", Reasons)}";
}
