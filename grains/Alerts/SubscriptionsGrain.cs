
namespace Grid.Grains.Alerts;

[GrainType("subscriptions")]
public sealed class SubscriptionsGrain([PersistentState("subscriptions")] IPersistentState<SubscriptionsState> state) : Grain, ISubscriptionsGrain
{
    public async Task<Subscription> Add(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        state.State.Subscriptions.Add(subscription);
        await state.WriteStateAsync();
        return subscription;
    }

    public Task<Subscription[]> List() => Task.FromResult(state.State.Subscriptions.ToArray());

    public async Task<bool> Remove(string id)
    {
        if (state.State.Subscriptions.RemoveAll(s => s.Id == id) == 0)
        {
            return false;
        }

        await state.WriteStateAsync();
        // Its receiver gets no further connection: the outbox aborts what is in flight and sends nothing more.
        await GrainFactory.GetGrain<ISubscriptionOutboxGrain>(id).Close();
        return true;
    }
}
