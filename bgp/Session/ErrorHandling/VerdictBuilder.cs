using Grid.Bgp.Messages;

namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>Collects an UPDATE's errors and keeps the strongest action they call for (RFC 7606 §2).</summary>
internal sealed class VerdictBuilder
{
    private List<string>? _reasons;
    private UpdateErrorAction _action;
    private BgpNotification? _notification;

    public void Discard(string reason) => Add(UpdateErrorAction.AttributeDiscard, reason);

    public void Withdraw(string reason) => Add(UpdateErrorAction.TreatAsWithdraw, reason);

    public void Reset(UpdateMessageErrorSubcode subcode, string reason)
    {
        // The first reset decides the NOTIFICATION: it is the error the peer most needs to hear.
        _notification ??= BgpNotification.Update(subcode);
        Add(UpdateErrorAction.SessionReset, reason);
    }

    public bool Resets => _action == UpdateErrorAction.SessionReset;

    public UpdateVerdict Build() => _action == UpdateErrorAction.Accept
        ? UpdateVerdict.Accepted
        : new UpdateVerdict(_action, _notification, _reasons ?? []);

    private void Add(UpdateErrorAction action, string reason)
    {
        (_reasons ??= []).Add(reason);
        if (action > _action)
        {
            _action = action;
        }
    }
}
