// Independent Confluent-format Avro client for KafkajsInteropTest (kafkajs + @kafkajs/confluent-schema-registry).
// node interop.js produce <bootstrap> <registryUrl> <topic> <count>  -> registers <topic>-value, sends, prints sent JSON lines
// node interop.js consume <bootstrap> <registryUrl> <topic> <count>  -> reads <count> records, prints decoded JSON lines
// Printed JSON: bytes as base64, longs as numbers (kept below 2^53), everything else as avsc yields it.
'use strict';
const fs = require('fs');
const path = require('path');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

const [mode, bootstrap, registryUrl, topic, countText] = process.argv.slice(2);
const count = Number(countText);

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, 'order.avsc'), 'utf8'));

function order(i) {
  return {
    id: `order-${i}-caf\u00e9`,
    quantity: i - 7,
    sequence: 4000000000 + i * 1000003,
    price: i * 1.25 + 0.1,
    paid: i % 2 === 0,
    note: i % 3 === 0 ? null : `note ${i} \u4e2d`,
    status: ['NEW', 'PAID', 'SHIPPED'][i % 3],
    tags: Array.from({ length: i % 4 }, (_, k) => `t${k}`),
    attributes: i % 2 === 0 ? {} : { weight: i * 10, rank: -i },
    customer: { name: `customer ${i}`, vip: i % 5 === 0 },
    payload: Buffer.from([0, 255, i, 128, 10]),
    createdAt: 1700000000000 + i * 60000
  };
}

function printable(value) {
  return JSON.stringify(value, (key, v) => {
    if (v && v.type === 'Buffer' && Array.isArray(v.data)) return Buffer.from(v.data).toString('base64');
    if (typeof v === 'bigint') return Number(v);
    return v;
  });
}

async function main() {
  const kafka = new Kafka({ clientId: 'backtrack-interop', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const registry = new SchemaRegistry({ host: registryUrl });
  if (mode === 'produce') {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(SCHEMA) },
      { subject: `${topic}-value` });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const messages = [];
    for (let i = 0; i < count; i++) {
      const value = order(i);
      messages.push({ key: `k${i}`, value: await registry.encode(id, value) });
      process.stdout.write(printable({ key: `k${i}`, schemaId: id, value }) + '\n');
    }
    await producer.send({ topic, messages });
    await producer.disconnect();
  } else if (mode === 'consume') {
    const consumer = kafka.consumer({ groupId: `backtrack-interop-${process.pid}-${Date.now()}`, allowAutoTopicCreation: false });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await new Promise((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          const value = await registry.decode(message.value);
          process.stdout.write(printable({ partition, offset: Number(message.offset),
            key: message.key === null ? null : message.key.toString('utf8'), schemaId: message.value.readInt32BE(1), value }) + '\n');
          if (++seen >= count) resolve();
        }
      }).catch(reject);
    });
    await consumer.disconnect();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().then(() => process.exit(0), (err) => {
  process.stderr.write(`interop.js failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
