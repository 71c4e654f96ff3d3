// Usage: node send.mjs <host> <writeKey> <accountId> <userId>
// Sends a group call and a few track calls through Segment's official Node SDK pointed at Pulse, then flushes.
import { Analytics } from '@segment/analytics-node';

const [host, writeKey, accountId, userId] = process.argv.slice(2);
const analytics = new Analytics({ writeKey, host, flushInterval: 100, maxRetries: 3 });
const failures = [];
analytics.on('error', (err) => failures.push(String(err?.reason ?? err?.message ?? err)));

analytics.group({ userId, groupId: accountId, traits: { name: 'SDK Co', tier: 'tech-touch', arr: 12000 } });
analytics.track({ userId, event: 'Session Started', properties: { platform: 'web' }, context: { groupId: accountId } });
analytics.track({ userId, event: 'Feature Used', properties: { feature: 'export', key: true } }); // routed by the group link
analytics.identify({ userId, traits: { email: 'someone@example.com' }, context: { groupId: accountId } });
await analytics.closeAndFlush({ timeout: 10000 });
if (failures.length > 0) {
  console.error('delivery failed: ' + failures.join('; '));
  process.exit(1);
}
console.log('sent 4 messages');
