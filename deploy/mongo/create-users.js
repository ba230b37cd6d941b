// Production MongoDB (docker-compose.production.yml): run once by the image's entrypoint on the first
// start, as the root user. Each service gets a user that can read and write its own database and
// nothing else; the passwords come from the environment (no defaults).
const services = {
  "topic-service": ["topics", "TOPIC_SERVICE_MONGO_PASSWORD"],
  "meeting-service": ["meetings", "MEETING_SERVICE_MONGO_PASSWORD"],
  "vote-service": ["votes", "VOTE_SERVICE_MONGO_PASSWORD"],
  "notification-service": ["notifications", "NOTIFICATION_SERVICE_MONGO_PASSWORD"],
};
for (const [user, [database, variable]] of Object.entries(services)) {
  const password = process.env[variable];
  if (!password) {
    throw new Error(variable + " is not set");
  }
  db.getSiblingDB(database).createUser({user: user, pwd: password, roles: [{role: "readWrite", db: database}]});
  print("MongoDB user " + user + " may read and write " + database + " only");
}
